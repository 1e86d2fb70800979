import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kassa } from './support/cli';
import { amsterdamStore } from './support/seed';

/** `kassa-server managers add|list|remove` and `stores policy`, on a temp data dir (SQLite). */
describe('kassa-server managers and stores policy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-managers-cli-'));
  const dataDir = join(dir, 'data');
  const cli = (...args: string[]) => kassa([...args, '--data-dir', dataDir]);
  beforeAll(async () => {
    const file = join(dir, 'store.json');
    writeFileSync(file, JSON.stringify(amsterdamStore('ams-01', 'Winkel Amsterdam')));
    expect((await cli('stores', 'import', file)).code).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds, lists and removes a manager; never prints the PIN', async () => {
    const added = await cli(
      'managers',
      'add',
      'ams-01',
      '--name',
      'Sanne de Vries',
      '--pin',
      '1234',
      '--json',
    );
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).not.toContain('1234');
    const { manager } = JSON.parse(added.stdout) as { manager: { managerId: string } };
    const listed = await cli('managers', 'list', 'ams-01');
    expect(listed.stdout).toMatch(new RegExp(`^${manager.managerId}\\s+Sanne de Vries\\s+20`, 'm'));
    expect(listed.stdout).not.toContain('scrypt');

    const removed = await cli('managers', 'remove', 'ams-01', manager.managerId);
    expect(removed.stdout).toBe(`Manager ${manager.managerId} "Sanne de Vries" removed from ams-01.\n`);
    const again = await cli('managers', 'remove', 'ams-01', manager.managerId);
    expect(again).toMatchObject({
      code: 1,
      stderr: `Nothing removed: Store ams-01 has no manager ${manager.managerId}.\n`,
    });
  }, 60_000);

  it('refuses a PIN that is not 4 to 8 digits, and an unknown store, with one line and exit 1', async () => {
    expect(await cli('managers', 'add', 'ams-01', '--name', 'Kees', '--pin', '12ab')).toMatchObject({
      code: 1,
      stderr: 'No manager added: pin: a PIN is 4 to 8 digits\n',
    });
    expect(await cli('managers', 'list', 'nope')).toMatchObject({
      code: 1,
      stderr: 'There is no store "nope".\n',
    });
  }, 60_000);

  it('seed-demo says who the demo managers are and gives each demo store one', async () => {
    const seeded = await kassa(['seed-demo', '--data-dir', join(dir, 'demo')]);
    expect(seeded.stdout).toContain(
      'Managers for overrides at the till (demo PINs): Sanne de Vries 1234 at store-demo-ams; Daan Bakker 2345 at store-demo-utr; Ioana Popescu 3456 at store-demo-ehv',
    );
    const listed = await kassa([
      'managers',
      'list',
      'store-demo-ams',
      '--json',
      '--data-dir',
      join(dir, 'demo'),
    ]);
    expect(
      (JSON.parse(listed.stdout) as { managers: { name: string }[] }).managers.map((m) => m.name),
    ).toEqual(['Sanne de Vries']);
  }, 120_000);

  it('shows the policy, sets some numbers, and refuses a bad value with exit 2', async () => {
    const set = await cli(
      'stores',
      'policy',
      'ams-01',
      '--member-daily-points',
      '300',
      '--max-quantity',
      '20',
      '--json',
    );
    expect(set.code).toBe(0);
    const { policy } = JSON.parse(set.stdout) as {
      policy: { offlinePolicy: Record<string, number>; sanityLimits: Record<string, number> };
    };
    expect(policy.offlinePolicy).toMatchObject({ memberDailyPoints: 300, tillDailyPoints: 20_000 });
    expect(policy.sanityLimits).toMatchObject({ maxQuantity: 20, maxLineCents: 100_000 });

    const shown = await cli('stores', 'policy', 'ams-01');
    expect(shown.stdout).toMatch(/^--member-daily-points\s+300\s+set/m);

    const bad = await cli('stores', 'policy', 'ams-01', '--stale-after-minutes', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--stale-after-minutes must be a whole number from 1 to 525600.');
  }, 60_000);
});
