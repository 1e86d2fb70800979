import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kassa } from './support/cli';
import { amsterdamStore } from './support/seed';

const store = (storeId: string, region?: string | null) => ({
  ...amsterdamStore(storeId, `Winkel ${storeId}`),
  ...(region === undefined ? {} : { region }),
});

/** `kassa-server stores import|list|set-region` and `serve --members-seen-days`, on a temp data dir. */
describe('kassa-server stores and the members window', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-stores-cli-'));
  const dataDir = join(dir, 'data');
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(content));
    return path;
  };
  const cli = (...args: string[]) => kassa([...args, '--data-dir', dataDir]);
  const regions = async () => {
    const r = await cli('stores', 'list', '--json');
    expect(r.code).toBe(0);
    return (JSON.parse(r.stdout) as { stores: { storeId: string; region: string | null }[] }).stores.map(
      (s) => [s.storeId, s.region],
    );
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports stores with their regions, lists them, and moves a store in and out of a region', async () => {
    const imported = await cli(
      'stores',
      'import',
      file('stores.json', [store('ams-01', 'nl-randstad'), store('utr-01', 'nl-randstad'), store('ehv-01')]),
    );
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toContain('ehv-01  "Winkel ehv-01"  region (none)');
    expect(imported.stdout).toContain('3 stores saved.');

    expect((await cli('stores', 'set-region', '--store', 'ehv-01', '--region', 'nl-brabant')).stdout).toBe(
      'ehv-01 is in region nl-brabant.\n',
    );
    expect((await cli('stores', 'set-region', '--store', 'utr-01', '--no-region')).stdout).toBe(
      'utr-01 is in no region.\n',
    );
    // An import without "region" keeps the one a store has.
    expect(
      (await cli('stores', 'import', file('one.json', { ...store('ams-01'), name: 'Amsterdam' }))).code,
    ).toBe(0);
    expect(await regions()).toEqual([
      ['ams-01', 'nl-randstad'],
      ['ehv-01', 'nl-brabant'],
      ['utr-01', null],
    ]);
  });

  it('refuses a file with a bad region, saying where, and imports none of it', async () => {
    const r = await cli(
      'stores',
      'import',
      file('bad.json', [store('new-01', 'nl-randstad'), store('new-02', 'Randstad Noord')]),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'Nothing imported: [1].region: a region is lowercase letters and digits in words joined by single hyphens, such as nl-randstad\n',
    );
    const table = (await cli('stores', 'list')).stdout;
    expect(table).toMatch(/^store\s+name\s+region/);
    expect(table).toMatch(/ams-01\s+Amsterdam\s+nl-randstad/);
    expect(table).not.toContain('new-01');
    const unknown = await cli('stores', 'set-region', '--store', 'nope', '--region', 'nl-randstad');
    expect(unknown).toMatchObject({ code: 1, stderr: 'There is no store "nope".\n' });
  });

  it.each([
    [['stores', 'set-region', '--store', 'ams-01', '--region', 'NL'], /--region.*'NL' is invalid.*lowercase/],
    [['serve', '--members-seen-days', '0'], /--members-seen-days.*'0' is invalid.*from 1 to 3650/],
  ])('refuses %j with one line on stderr and exit 2', async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
