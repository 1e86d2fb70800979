import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { SqliteStorage } from '../../../sync-server/src/storage/sqlite/sqlite-storage';
import { kassa } from './support/cli';
import { amsterdamStore, pairedTerminal } from './support/seed';
import { pushRowsOf, Till } from './support/spend-events';

/** `kassa-server members transfer` and `kassa-server returns` (issue 9). */
describe('kassa-server members transfer and returns', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-spending-cli-'));
  const till = new Till('T1', 's1');
  const sale = till.sale({ memberId: 'M1', earn: 500 });
  const ret = till.returnOf(sale, { takeBack: 50 });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    const s = await SqliteStorage.open(dir);
    await s.transaction(async (tx) => {
      await tx.stores.upsert(amsterdamStore(), 1);
      await tx.terminals.insert(pairedTerminal(till, 'a'));
      const member = { homeStoreId: 's1', fullName: 'Johanna de Vries', enrolledAt: 1, optedIn: true };
      await tx.members.upsert([
        { ...member, memberId: 'M1', cards: ['2620000000019'] },
        { ...member, memberId: 'M2', cards: ['2620000000026'] },
      ]);
    });
    await pushJournal(s, till, pushRowsOf([sale, ret]), 1000);
    await s.close();
  });

  it('gives points once per key, and refuses more than the giver has', async () => {
    const args = ['members', 'transfer', '2620000000019', 'M2', '150', '--note', 'Gift', '--key', 'k1'];
    const first = await kassa([...args, '--data-dir', dir]);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('Transferred: 150 points from M1 to M2');
    expect(first.stdout).toContain('the giver has 300 left');
    const again = await kassa([...args, '--data-dir', dir, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ points: 150, fromBalance: 300, replayed: true });
    const tooMuch = await kassa(['members', 'transfer', 'M1', 'M2', '301', '--data-dir', dir]);
    expect(tooMuch.code).toBe(1);
    expect(tooMuch.stderr).toContain('has 300 spendable points');
  });

  it('lists returns with the sale each returns from', async () => {
    const r = await kassa(['returns', '--data-dir', dir]);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toContain(ret.id);
    expect(r.stdout).toContain(sale.id);
    expect(r.stdout).toContain('1× Campina Halfvolle melk 1 L');
    const json = JSON.parse((await kassa(['returns', '--data-dir', dir, '--json'])).stdout);
    expect(json.returns).toMatchObject([{ returnId: ret.id, saleId: sale.id, totalCents: 129 }]);
  });
});
