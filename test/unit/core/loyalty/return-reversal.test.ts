import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReturnEvent, SaleEvent, Tender } from '../../../../core/journal/index';
import type { CompiledProgram } from '../../../../core/rules/index';
import { planReturn } from '../../../../core/loyalty/return-reversal';
import { returnableLines } from '../../../../core/loyalty/returnable';
import {
  MEMBER,
  PROGRAMS,
  SAT_NOON,
  STORE,
  WED_NOON,
  basketOfLines,
  isSpend,
  pointsIn,
  pointsOf,
  returnEventOf,
  saleOf,
  ulid,
  type LineSpec,
  type TenderSpec,
} from './return-fixtures';

/*
 * Properties of returns over generated sales, evaluated with real programs (2 points per euro,
 * weekend ×2, +100 over €50) and any sequence of partial returns:
 *  - the member's points from the sale (its earn rows + every return's clawback rows) are what the
 *    kept goods earn when evaluated alone — never more, never below 0;
 *  - spent points come back at most once; every tender gets back at most what it paid;
 *  - a full return leaves 0 points of the sale, every tender back in full, and the coupons restored;
 *  - with some of the sale's program versions missing at the till, the points still only go down
 *    and never below 0, and a full return still leaves 0.
 */

const lineArb: fc.Arbitrary<LineSpec> = fc.oneof(
  fc.record({
    quantity: fc.integer({ min: 1, max: 5 }),
    unitPriceCents: fc.integer({ min: 50, max: 3000 }),
    discountCents: fc.integer({ min: 0, max: 40 }),
  }),
  fc.record({
    quantity: fc.constant(1),
    unitPriceCents: fc.integer({ min: 1000, max: 4000 }),
    weightGrams: fc.integer({ min: 50, max: 2000 }),
    discountCents: fc.integer({ min: 0, max: 40 }),
  }),
);

const tendersArb: fc.Arbitrary<TenderSpec[]> = fc
  .subarray(['cash', 'card', 'points', 'gift-card'] as const, { minLength: 1 })
  .chain((methods) =>
    fc.tuple(
      ...methods.map((method) =>
        fc.record({
          method: fc.constant(method),
          weight: fc.integer({ min: 1, max: 5 }),
          pointsPerCent: fc.integer({ min: 1, max: 2 }),
          code: fc.constant(method === 'gift-card' ? 'GIFT-1' : undefined),
        }),
      ),
    ),
  )
  .map((ts) => ts.map(({ code, ...t }) => (code === undefined ? t : { ...t, code })));

/** One return: for some lines, a share (percent) of what is left of them. */
const stepArb = fc.array(fc.record({ line: fc.nat(), percent: fc.integer({ min: 1, max: 100 }) }), {
  minLength: 1,
  maxLength: 3,
});

const saleArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 6 }),
  at: fc.constantFrom(SAT_NOON, WED_NOON),
  tenders: tendersArb,
  rewardPoints: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2000 })),
  coupons: fc.constantFrom([], ['AUTUMN-7']),
});

const keyOf = (t: Tender) => (t.method === 'gift-card' ? `gift-card:${t.code}` : t.method);

/** What the kept goods cost, written out from the sale and the returns' own lines and refunds. */
function keptBasket(sale: SaleEvent, returns: readonly ReturnEvent[]) {
  const lines = sale.lines.flatMap((l) => {
    const back = returns.flatMap((r) => r.lines).filter((rl) => rl.lineId === l.lineId);
    if (l.weightGrams !== undefined) {
      const grams = l.weightGrams - back.reduce((n, rl) => n + (rl.weightGrams ?? 0), 0);
      return grams > 0 ? [{ ...l, amountCents: Math.floor((l.amountCents * grams) / l.weightGrams) }] : [];
    }
    const quantity = l.quantity - back.reduce((n, rl) => n + rl.quantity, 0);
    return quantity > 0 ? [{ ...l, quantity, amountCents: l.unitPriceCents * quantity }] : [];
  });
  const inPoints = (ts: readonly Tender[]) =>
    ts.reduce((n, t) => n + (t.method === 'points' ? t.amountCents : 0), 0);
  // The goods kept were paid with points for what the points payment has not had back.
  return basketOfLines(lines, inPoints(sale.payments) - inPoints(returns.flatMap((r) => r.refunds)));
}

function returnAll(
  sale: SaleEvent,
  returns: ReturnEvent[],
  steps: { line: number; percent: number }[][],
  finish: boolean,
) {
  const asks = steps.map(
    (step) => () =>
      step.map(({ line, percent }) => {
        const left = returnableLines(sale, returns)[line % sale.lines.length];
        const units = left?.weightGrams ?? left?.quantity ?? 0;
        const want = Math.ceil((units * percent) / 100);
        return left?.weightGrams !== undefined
          ? { lineId: left.lineId, quantity: 1, weightGrams: want }
          : { lineId: left?.lineId ?? '', quantity: want };
      }),
  );
  if (finish) {
    asks.push(() =>
      returnableLines(sale, returns).map((l) =>
        l.weightGrams !== undefined
          ? { lineId: l.lineId, quantity: 1, weightGrams: l.weightGrams }
          : { lineId: l.lineId, quantity: l.quantity },
      ),
    );
  }
  return asks;
}

/** Plans and writes every return in turn, checking the properties after each (see the header). */
function checkReturns(
  spec: Parameters<typeof saleOf>[0] & { coupons: readonly string[] },
  steps: { line: number; percent: number }[][],
  finish: boolean,
  given: readonly CompiledProgram[],
): void {
  const sale = saleOf(spec);
  const returns: ReturnEvent[] = [];
  const paid = new Map<string, { cents: number; points: number }>();
  for (const p of sale.payments) {
    const held = paid.get(keyOf(p)) ?? { cents: 0, points: 0 };
    paid.set(keyOf(p), { cents: held.cents + p.amountCents, points: held.points + (p.points ?? 0) });
  }
  const earned = pointsIn(sale.loyalty?.ledger, (e) => !isSpend(e) && e.amount > 0);
  const spent = pointsIn(sale.loyalty?.ledger, isSpend);
  const exact = given.length === PROGRAMS.length;
  let netBefore = earned;

  for (const ask of returnAll(sale, returns, steps, finish)) {
    // One ask per line (a second would ask for the same rest again).
    const lines = ask()
      .filter((l, i, all) => all.findIndex((o) => o.lineId === l.lineId) === i)
      .filter((l) => l.quantity > 0 && (l.weightGrams ?? 1) > 0);
    const returnId = ulid(100 + returns.length);
    const r = planReturn({
      returnId,
      sale,
      priorReturns: returns,
      lines,
      programs: given,
      member: MEMBER,
      store: STORE,
    });
    if (lines.length === 0) {
      expect(r).toMatchObject({ ok: false, reason: 'nothing-to-return' });
      continue;
    }
    if (!r.ok) throw new Error(`${r.reason}: ${r.message}`);
    const plan = r.value;
    if (exact) expect(plan.fallbacks).toEqual([]);
    // Points are worth at least a cent here, so every cent goes back by some tender.
    expect(plan.refunds.reduce((n, t) => n + t.amountCents, 0)).toBe(plan.totalCents);
    const event = returnEventOf(plan, sale, returnId, returns.length + 2);
    returns.push(event);

    const rows = returns.flatMap((x) => x.loyalty?.ledger ?? []);
    const kept = pointsOf(keptBasket(sale, returns), sale.createdAt);
    const net = earned + pointsIn(rows, (e) => !isSpend(e));
    // With every version at hand the kept goods judge; without, the rest goes back in proportion.
    if (exact) expect(net).toBe(kept);
    expect(net).toBeLessThanOrEqual(netBefore);
    netBefore = net;
    expect(net).toBeGreaterThanOrEqual(0);
    expect(net).toBeLessThanOrEqual(earned);
    const spendNet = spent + pointsIn(rows, isSpend);
    expect(spendNet).toBeLessThanOrEqual(0);
    expect(spendNet).toBeGreaterThanOrEqual(spent);

    for (const [key, back] of paid) {
      const refunded = returns.flatMap((x) => x.refunds).filter((t) => keyOf(t) === key);
      expect(refunded.reduce((n, t) => n + t.amountCents, 0)).toBeLessThanOrEqual(back.cents);
      expect(refunded.reduce((n, t) => n + (t.points ?? 0), 0)).toBeLessThanOrEqual(back.points);
    }
    expect(plan.restoredCoupons).toEqual(plan.wholeSaleReturned ? spec.coupons : []);
  }

  const whole = returnableLines(sale, returns).every((l) => l.quantity === 0);
  if (whole) {
    const all = [sale.loyalty, ...returns.map((x) => x.loyalty)].flatMap((l) => l?.ledger ?? []);
    expect(pointsIn(all)).toBe(0);
    for (const [key, back] of paid) {
      const refunded = returns.flatMap((x) => x.refunds).filter((t) => keyOf(t) === key);
      expect(refunded.reduce((n, t) => n + t.amountCents, 0)).toBe(back.cents);
      expect(refunded.reduce((n, t) => n + (t.points ?? 0), 0)).toBe(back.points);
    }
    expect(returns.flatMap((x) => x.restoredCoupons)).toEqual(spec.coupons);
  }
}

describe('returns over generated sales (property)', () => {
  it('the member keeps exactly what the kept goods earn, tenders never get back more than they paid, a full return undoes everything', () => {
    fc.assert(
      fc.property(saleArb, fc.array(stepArb, { maxLength: 4 }), fc.boolean(), (spec, steps, finish) =>
        checkReturns(spec, steps, finish, PROGRAMS),
      ),
      { numRuns: 150 },
    );
  });

  it('with program versions missing at the till, a return still never gives points, never leaves fewer than 0, and a full return undoes everything', () => {
    fc.assert(
      fc.property(
        saleArb,
        fc.array(stepArb, { maxLength: 4 }),
        fc.boolean(),
        fc.subarray(PROGRAMS, { maxLength: PROGRAMS.length - 1 }),
        (spec, steps, finish, given) => checkReturns(spec, steps, finish, given),
      ),
      { numRuns: 100 },
    );
  });
});
