import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { kassaServerArgs } from '../../../support/kassa-server-command';

/** The CLI's source entry (tests start it through `kassaServerArgs`: this run's bundle, or tsx). */
export const CLI = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../sync-server/src/cli/main.ts',
);
const run = promisify(execFile);

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `kassa-server <args>` and resolves with its exit code and output, whatever the code. */
export async function kassa(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  try {
    const r = await run(process.execPath, [...kassaServerArgs(), ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}
