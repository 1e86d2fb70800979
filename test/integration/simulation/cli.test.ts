import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/** `npm run simulate` as a developer runs it: its summary, and the replay line of a failing seed. */
const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../simulation/cli.ts');
const run = promisify(execFile);

async function simulateCli(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', CLI, ...args]);
    return { code: 0, stdout: r.stdout };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: `${x.stdout ?? ''}${x.stderr ?? ''}` };
  }
}

describe('npm run simulate', () => {
  it(
    'prints a summary with the faults by kind and exits 0 when every seed holds',
    { timeout: 120_000 },
    async () => {
      const r = await simulateCli(['--seeds', '2', '--from', '5', '--steps', '20']);
      expect(r.stdout).toContain('2 seeds, 0 failed; 40 steps');
      expect(r.stdout).toMatch(/faults: drop-request \d+, drop-answer \d+, duplicate \d+/);
      expect(r.stdout).toMatch(/seeds\/s/);
      expect(r.code).toBe(0);
    },
  );

  it(
    'prints the one-line replay of a failing seed and its shortened trace, and exits 1',
    { timeout: 120_000 },
    async () => {
      const r = await simulateCli(['--seed', '9', '--steps', '12', '--plant', 'swallow-push-errors']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('seed 9 FAILED');
      expect(r.stdout).toContain(
        'replay: npm run simulate -- --seed 9 --steps 12 --tills 4 --plant swallow-push-errors',
      );
      expect(r.stdout).toMatch(/shortest failing trace found \(\d+ steps, \d+ faults/);
      expect(r.stdout).toContain('1 seeds, 1 failed');
    },
  );

  it('refuses a bad option with a readable message', { timeout: 30_000 }, async () => {
    const r = await simulateCli(['--tills', '9']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain('a whole number from 3 to 4');
  });
});
