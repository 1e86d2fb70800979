import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kassaServerArgs } from '../../support/kassa-server-command';
import { kassa } from './support/cli';
import { amsterdamStore } from './support/seed';

/** `kassa-server users …` on a temp data dir (SQLite): the password only ever on stdin. */
describe('kassa-server users', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-users-cli-'));
  const dataDir = join(dir, 'data');
  const withStdin = (input: string, ...args: string[]) => {
    const r = spawnSync(process.execPath, [...kassaServerArgs(), ...args, '--data-dir', dataDir], {
      input,
      encoding: 'utf8',
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  beforeAll(async () => {
    const file = join(dir, 'store.json');
    writeFileSync(file, JSON.stringify(amsterdamStore('ams-01', 'Winkel Amsterdam')));
    expect((await kassa(['stores', 'import', file, '--data-dir', dataDir])).code).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a store manager from stdin, lists without the hash, refuses a short password and an unknown role, disables', async () => {
    const added = withStdin(
      'tulips-in-spring\n',
      'users',
      'add',
      'Sanne@Kassa.demo',
      '--name',
      'Sanne',
      '--role',
      'store-manager',
      '--store',
      'ams-01',
      '--password-stdin',
    );
    expect(added).toMatchObject({
      code: 0,
      stdout: 'User sanne@kassa.demo (store-manager: ams-01) added.\n',
    });
    const short = withStdin(
      'short\n',
      'users',
      'add',
      'piet@kassa.demo',
      '--name',
      'Piet',
      '--role',
      'hq-admin',
      '--password-stdin',
    );
    expect(short.code).not.toBe(0);
    expect(short.stderr).toMatch(/at least 10 characters/);
    const role = withStdin(
      'long-enough-pass\n',
      'users',
      'add',
      'x@kassa.demo',
      '--name',
      'X',
      '--role',
      'king',
      '--password-stdin',
    );
    expect(role.stderr).toMatch(/--role must be hq-admin or store-manager/);
    const listed = await kassa(['users', 'list', '--json', '--data-dir', dataDir]);
    expect(listed.stdout).not.toContain('scrypt');
    expect(JSON.parse(listed.stdout).users).toMatchObject([
      { login: 'sanne@kassa.demo', role: 'store-manager', storeIds: ['ams-01'], disabledAt: null },
    ]);
    expect((await kassa(['users', 'disable', 'sanne@kassa.demo', '--data-dir', dataDir])).code).toBe(0);
    const after = JSON.parse((await kassa(['users', 'list', '--json', '--data-dir', dataDir])).stdout);
    expect(after.users[0].disabledAt).toEqual(expect.any(Number));
  }, 60_000);
});
