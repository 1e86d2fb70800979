import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../../../sync-server/src/storage/sqlite/sqlite-storage';
import { kassa } from './support/cli';
import { amsterdamStore } from './support/seed';

/** `kassa-server gift-cards issue|load|show`: the admin API's gift-card routes at the service desk. */
describe('kassa-server gift-cards', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-gift-cards-cli-'));
  // Amounts as Intl writes them for nl-NL, with its no-break space read as a space.
  const cli = async (...args: string[]) => {
    const r = await kassa(['--data-dir', dir, 'gift-cards', ...args]);
    return { ...r, stdout: r.stdout.replace(/\u00a0/g, ' ') };
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    const s = await SqliteStorage.open(dir);
    await s.transaction((tx) => tx.stores.upsert(amsterdamStore(), 1));
    await s.close();
  });

  it('issues a card, tops it up once per key, and shows its balance and history', async () => {
    const issued = await cli('issue', '--store', 's1', '--amount', '25.00', '--key', 'desk-1', '--json');
    expect(issued.code).toBe(0);
    const card = JSON.parse(issued.stdout) as { code: string; balanceCents: number };
    expect(card).toMatchObject({ kind: 'gift-card', currency: 'EUR', balanceCents: 2_500, replayed: false });

    const grouped = `${card.code.slice(0, 4)} ${card.code.slice(4, 12)}-${card.code.slice(12)}`;
    const load = await cli('load', grouped, '--amount', '10,5', '--key', 'top-1');
    expect(load).toMatchObject({ code: 0, stdout: `Topped up gift card ${card.code}: balance € 35,50.\n` });
    const again = await cli('load', card.code, '--amount', '10.50', '--key', 'top-1');
    expect(again.stdout).toContain('Already done with this key');

    const show = await cli('show', card.code);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`Gift card ${card.code} (active), issued by store s1`);
    expect(show.stdout).toContain('balance € 35,50');
    expect(show.stdout).toMatch(/issued\s+€ 25,00\s+hq/);
    expect(show.stdout).toMatch(/loaded\s+€ 10,50\s+hq/);
  });

  it('says what is wrong: a bad amount (exit 2), an unknown card or store (exit 1)', async () => {
    const bad = await cli('issue', '--store', 's1', '--amount', '25.005');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('the amount must look like 25 or 25.00');
    const kind = await cli('issue', '--store', 's1', '--amount', '5', '--kind', 'voucher');
    expect(kind.code).toBe(2);
    const unknown = await cli('show', '98260000000000000000');
    expect(unknown).toMatchObject({
      code: 1,
      stderr: 'No gift card or store credit 98260000000000000000 is known to this server.\n',
    });
    const store = await cli('issue', '--store', 'nowhere', '--amount', '5');
    expect(store).toMatchObject({ code: 1, stderr: 'No store nowhere.\n' });
  });
});
