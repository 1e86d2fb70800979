import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sealEvent } from '../../../core/journal/hash-chain';
import type { SaleEvent } from '../../../core/journal/sale-event';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { amsterdamStore, pairedTerminal } from './support/seed';
import { pushRowsOf, Till } from './support/spend-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/**
 * A till that pays with points without taking them (a bug, or a forged push) is not refused — the
 * sale happened — but it is raised as `spend-mismatch`, once, with the numbers; an honest spending
 * sale raises nothing.
 */
describe.each([sqliteAdapter(), postgresAdapter()])('spend-mismatch: $name', (adapter: AdapterUnderTest) => {
  let s: Storage;
  let till: Till;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    till = new Till('T1', 's1');
    await s.transaction(async (tx) => {
      await tx.stores.upsert(amsterdamStore('s1'), 1);
      await tx.terminals.insert(pairedTerminal(till, 'a'));
    });
  });
  afterEach(() => s.close());

  const push = (events: readonly object[]) => pushJournal(s, till, pushRowsOf(events as never), 1000);
  const mismatches = async () =>
    (await s.exceptions.list({ limit: 100 })).filter((e) => e.kind === 'spend-mismatch');

  it('an honest points payment raises nothing', async () => {
    await push([till.sale({ memberId: 'M1', earn: 10, spend: 300 })]);
    expect(await mismatches()).toEqual([]);
  });

  it('a points payment without its ledger row is accepted, folded, and raised once with both numbers', async () => {
    const { hash: _h, ...honest } = till.sale({ memberId: 'M1', earn: 10, spend: 300 });
    const forged = sealEvent<SaleEvent>({
      ...honest,
      loyalty: { ...honest.loyalty!, ledger: honest.loyalty!.ledger.filter((e) => e.amount > 0) },
    });
    expect(await push([forged])).toMatchObject({ ok: true, value: { accepted: 1, foldFailures: 0 } });
    await push([forged]); // a retry raises nothing new
    const raised = await mismatches();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ eventId: forged.id, terminalId: 'T1' });
    expect(raised[0]!.message).toBe(
      `Sale ${forged.id} (seq 1): its points payments name 300 points, but its ledger takes 0 points for them.`,
    );
  });
});
