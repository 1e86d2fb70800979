import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../../sync-server/src/cli/main.ts');
const run = promisify(execFile);

/** The operator's CLI (`npm run kassa-server -- <command>`), on a temp data dir. */
describe('kassa-server CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-cli-'));
  const cli = async (...args: string[]) =>
    (await run(process.execPath, ['--import', 'tsx', CLI, ...args, '--data-dir', dataDir])).stdout;
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds the demo idempotently, issues pairing codes, and lists gaps, exceptions and sales', async () => {
    const first = JSON.parse(await cli('seed-demo', '--json')) as {
      products: number;
      productsWritten: number;
      pairingCode: string;
    };
    const second = JSON.parse(await cli('seed-demo', '--json')) as {
      products: number;
      productsWritten: number;
    };
    expect(first.products).toBeGreaterThanOrEqual(2000);
    expect(second).toMatchObject({ products: first.products, productsWritten: 0 });

    expect(await cli('pair-code', '--store', 'store-demo-ams')).toMatch(
      /Pairing code for store-demo-ams: [A-Z2-9]{4}-[A-Z2-9]{4}/,
    );
    await expect(cli('pair-code', '--store', 'nope')).rejects.toMatchObject({
      stdout: expect.stringContaining('no store "nope"'),
    });
    const paired = JSON.parse(await cli('seed-demo', '--pair', '--json')) as {
      terminal: { terminalId: string; token: string };
    };
    expect(paired.terminal.token.length).toBeGreaterThan(20);
    expect(await cli('gaps')).toMatch(/No seq gaps \(1 terminal\)/);
    expect(await cli('exceptions')).toMatch(/No exceptions/);
    expect(await cli('sales')).toMatch(/0 sales/);
  });
});
