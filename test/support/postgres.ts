import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort } from './free-port';

/**
 * A PostgreSQL for tests and benchmarks: KASSA_TEST_PG_URL when set (.ci/run sets it), otherwise
 * a throwaway cluster of its own (initdb in a temp dir, as the `postgres` OS user when running as
 * root because PostgreSQL refuses root), listening on 127.0.0.1 on a free port, stopped by stop().
 */
export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

/** A schema name of one's own, so test files sharing a database never collide. */
export function freshSchema(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

export async function startTestPostgres(): Promise<TestPostgres> {
  const fromEnv = process.env.KASSA_TEST_PG_URL;
  if (fromEnv) return { url: fromEnv, stop: async () => {} };

  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), 'kassa-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(PG_BIN, cmd), args, { stdio: 'pipe' });

  const data = join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  // Durability does not matter for a throwaway test cluster; speed does.
  const serverOpts = `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run('pg_ctl', ['-D', data, '-o', serverOpts, '-l', join(dir, 'log'), '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
