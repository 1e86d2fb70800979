import { describe, expect, it } from 'vitest';
import type { ReturnEvent } from '../../../../core/journal';
import { shownBalance } from '../../../../core/loyalty/balance-rule';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { buildReturnEvent } from '../../../../renderer/src/features/returns/build-return-event';
import { findSale, type SaleSources } from '../../../../renderer/src/features/returns/find-sale';
import { previewReturn } from '../../../../renderer/src/features/returns/return-plan';
import { returnReceiptOf } from '../../../../renderer/src/features/returns/return-receipt';
import type { FoundSale } from '../../../../renderer/src/features/returns/return-state';
import { MEMBER, PROGRAMS, SAT_NOON, saleOf, STORE, ulid } from '../../core/loyalty/return-fixtures';

const store: StoreSettings = {
  storeId: STORE.storeId,
  name: 'Kassa Demo',
  currency: 'EUR',
  timeZone: STORE.timeZone,
  locale: 'nl-NL',
  variableMeasure: [],
};
/** Saturday: coffee €6.69 + milk €1.29 = €7.98 → 15 points per euro ×2 on the weekend = 30, paid cash. */
const sale = saleOf({
  lines: [
    { quantity: 1, unitPriceCents: 669 },
    { quantity: 1, unitPriceCents: 129 },
  ],
  at: SAT_NOON,
  tenders: [{ method: 'cash', weight: 1 }],
});
const found: FoundSale = { sale, priorReturns: [], from: 'journal' };
/** The server has folded the sale (till-1 seq 1): 100 points with its 30. */
const account = { balance: 100, appliedThrough: { 'till-1': 1 } };
const AFTER = SAT_NOON + 3_600_000;

function preview(
  lineId: string,
  balance: number,
  returnOverdraftPoints = 0,
  priorReturns: ReturnEvent[] = [],
) {
  const r = previewReturn({
    returnId: ulid(9),
    sale,
    priorReturns,
    lines: [{ lineId, quantity: 1 }],
    programs: PROGRAMS,
    member: MEMBER,
    store: STORE,
    balance,
    policy: { returnOverdraftPoints },
  });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function written(lineId: string, seq = 2, priorReturns: ReturnEvent[] = []): ReturnEvent {
  const { plan } = preview(lineId, 100, 0, priorReturns);
  return buildReturnEvent(
    plan,
    { ...found, priorReturns },
    {
      id: ulid(9 + seq),
      terminalId: 'till-1',
      store,
      seq,
      prevHash: sale.hash,
      nowMs: AFTER,
      reason: 'defective',
      overrides: [],
    },
  );
}

describe('a return of one line of a weekend sale', () => {
  it('shows before confirming: the cash back and the points the kept goods no longer earn', () => {
    // Milk back: the coffee alone earns 13 ×2 = 26, so 30 − 26 = 4 points come back off the member.
    const milk = preview('line-2', 100);
    expect(milk.plan.totalCents).toBe(129);
    expect(milk.plan.refunds).toEqual([{ method: 'cash', amountCents: 129 }]);
    expect(milk).toMatchObject({ pointsChange: -4, balanceBefore: 100, balanceAfter: 96, overPolicy: null });
    // Coffee back: the milk alone earns 2 ×2 = 4, so 26 come back.
    expect(preview('line-1', 100)).toMatchObject({ pointsChange: -26, balanceAfter: 74 });
  });

  it('needs a manager only when the balance would go below the store’s limit', () => {
    expect(preview('line-1', 20).overPolicy).toEqual({ limit: 0, balanceAfter: -6 });
    expect(preview('line-1', 20, 10).overPolicy).toBeNull();
    expect(preview('line-1', 26).overPolicy).toBeNull();
  });

  it('is ONE return event naming the sale, and the balance rule counts its rows at once', () => {
    const ret = written('line-2');
    expect(ret).toMatchObject({
      type: 'return',
      schemaVersion: 1,
      seq: 2,
      original: { saleId: sale.id, terminalId: 'till-1', seq: 1, businessDay: sale.businessDay },
      totalCents: 129,
      reason: 'defective',
      overrides: [],
    });
    expect(ret.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(shownBalance(account, MEMBER.id, 'till-1', [sale, ret])).toEqual({ spendable: 96, unsynced: -4 });
    // Once the server has folded the return too, it is in the balance and no longer counted here.
    expect(
      shownBalance({ balance: 96, appliedThrough: { 'till-1': 2 } }, MEMBER.id, 'till-1', [ret]),
    ).toEqual({
      spendable: 96,
      unsynced: 0,
    });
  });

  it('after an earlier return, the rest of the sale takes back only what is left', () => {
    const first = written('line-2');
    const second = written('line-1', 3, [first]);
    // 30 earned in all: 4 back with the milk, the other 26 with the coffee; never more.
    expect(shownBalance(account, MEMBER.id, 'till-1', [first, second]).spendable).toBe(70);
  });

  it('prints a return receipt with the refund by tender and the points taken back', () => {
    const r = returnReceiptOf(written('line-2'), sale, store, 96);
    expect(r).toMatchObject({
      saleSeq: 1,
      pointsTakenBack: 4,
      pointsCredited: 0,
      newBalance: 96,
      reason: 'defective',
      lines: [{ lineId: 'line-2', name: 'Product 2', quantity: '1 ×' }],
    });
    expect(r.total.replace(/\s/g, ' ')).toBe('€ 1,29');
    expect(r.refunds.map((t) => t.method)).toEqual(['cash']);
  });
});

describe('finding the sale a receipt names', () => {
  const ref = { storeId: STORE.storeId, terminalId: 'till-1', saleId: sale.id };
  const mine = written('line-2');
  const theirs = { ...written('line-2', 7), id: ulid(40), terminalId: 'till-2' } as ReturnEvent;
  const sources = (o: Partial<SaleSources> = {}): SaleSources => ({
    storeId: STORE.storeId,
    journalEvent: async (id) => (id === sale.id ? { ...sale } : null),
    journalReturns: async () => [{ ...mine }],
    lookupOnline: async () => ({ kind: 'found', sale, returns: [mine, theirs] }),
    ...o,
  });

  it('takes this till’s own sale from its journal, with the returns of both places once each', async () => {
    const r = await findSale(ref, sources());
    expect(r.kind).toBe('found');
    if (r.kind !== 'found') return;
    expect(r.found.from).toBe('journal');
    expect(r.found.priorReturns.map((x) => x.id).sort()).toEqual([mine.id, theirs.id].sort());
  });

  it('finds its own sale offline too, with the returns it knows', async () => {
    const r = await findSale(ref, sources({ lookupOnline: async () => ({ kind: 'unreachable' }) }));
    expect(r).toMatchObject({ kind: 'found', found: { from: 'journal', priorReturns: [{ id: mine.id }] } });
  });

  it('asks the server for another till’s sale, and says offline when it cannot', async () => {
    const other = sources({ journalEvent: async () => null });
    expect(await findSale(ref, other)).toMatchObject({ kind: 'found', found: { from: 'server' } });
    expect(await findSale(ref, { ...other, lookupOnline: async () => ({ kind: 'unreachable' }) })).toEqual({
      kind: 'offline',
    });
    expect(await findSale(ref, { ...other, lookupOnline: async () => ({ kind: 'unknown' }) })).toEqual({
      kind: 'unknown',
    });
  });

  it('never looks up a receipt of another store', async () => {
    let asked = 0;
    const r = await findSale(
      { ...ref, storeId: 'store-elsewhere' },
      sources({
        lookupOnline: async () => {
          asked++;
          return { kind: 'unknown' };
        },
      }),
    );
    expect(r).toEqual({ kind: 'other-store' });
    expect(asked).toBe(0);
  });
});
