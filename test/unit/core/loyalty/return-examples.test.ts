import { describe, expect, it } from 'vitest';
import type { ReturnEvent, SaleEvent } from '../../../../core/journal/index';
import { planReturn, type PlanReturnInput, type ReturnPlan } from '../../../../core/loyalty/return-reversal';
import { compileProgram, parseProgram } from '../../../../core/rules/index';
import { returnableLines } from '../../../../core/loyalty/returnable';
import {
  BONUS,
  MEMBER,
  PER_EURO,
  PROGRAMS,
  SAT_NOON,
  STORE,
  WED_NOON,
  WEEKEND,
  isSpend,
  pointsIn,
  returnEventOf,
  saleOf,
  ulid,
} from './return-fixtures';

const plan = (
  sale: SaleEvent,
  lines: PlanReturnInput['lines'],
  prior: ReturnEvent[] = [],
  extra: Partial<PlanReturnInput> = {},
): ReturnPlan => {
  const r = planReturn({
    returnId: ulid(100 + prior.length),
    sale,
    priorReturns: prior,
    lines,
    programs: PROGRAMS,
    member: MEMBER,
    store: STORE,
    ...extra,
  });
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const rows = (p: ReturnPlan) => (p.loyalty?.ledger ?? []).map((e) => [e.id, e.amount]);
const three20 = (at: number, extra: Partial<Parameters<typeof saleOf>[0]> = {}) =>
  saleOf({ lines: [{ quantity: 3, unitPriceCents: 2000 }], at, ...extra });

describe('a €60 weekend sale (3 × €20): 120 base points, ×2 on Saturday, +100 over €50 = 340', () => {
  const sale = three20(SAT_NOON);

  it('earned 340 points at the till', () => {
    expect(pointsIn(sale.loyalty?.ledger)).toBe(340);
  });

  it('returning €20 undoes the bonus and the weekend points of the returned goods: 180 back, 160 kept', () => {
    const p = plan(sale, [{ lineId: 'line-1', quantity: 1 }]);
    expect(p.totalCents).toBe(2000);
    expect(p.refunds).toEqual([{ method: 'card', amountCents: 2000 }]);
    expect(rows(p)).toEqual([
      [`${ulid(100)}/return/clawback/p-bonus@2/over-50`, -100],
      [`${ulid(100)}/return/clawback/p-euro@3/base`, -40],
      [`${ulid(100)}/return/clawback/p-weekend@1/x2`, -40],
    ]);
    expect(p.pointsTakenBack).toBe(180);
    expect(p.pointsCredited).toBe(0);
    expect(p.restoredCoupons).toEqual([]);
    expect(p.fallbacks).toEqual([]);
  });

  it('returned one unit at a time, the member ends with 160, then 80, then 0', () => {
    const first = returnEventOf(plan(sale, [{ lineId: 'line-1', quantity: 1 }]), sale, ulid(100), 2);
    const second = plan(sale, [{ lineId: 'line-1', quantity: 1 }], [first]);
    expect(second.pointsTakenBack).toBe(80);
    const secondEvent = returnEventOf(second, sale, ulid(101), 3);
    const third = plan(sale, [{ lineId: 'line-1', quantity: 1 }], [first, secondEvent]);
    expect(third.pointsTakenBack).toBe(80);
    expect(third.wholeSaleReturned).toBe(true);
    const all = [sale.loyalty, first.loyalty, secondEvent.loyalty, third.loyalty].flatMap(
      (l) => l?.ledger ?? [],
    );
    expect(pointsIn(all)).toBe(0);
  });

  it('the same return planned twice gives the same rows with the same ids (a retry never takes twice)', () => {
    const again = () => plan(sale, [{ lineId: 'line-1', quantity: 1 }]);
    expect(again()).toEqual(again());
  });

  it('planned again once written (its own event among the returns), or beside a return of another sale, the plan is the same', () => {
    const first = plan(sale, [{ lineId: 'line-1', quantity: 1 }]);
    const written = returnEventOf(first, sale, ulid(100), 2);
    const other = { ...written, id: ulid(200), original: { ...written.original, saleId: ulid(2) } };
    const again = planReturn({
      returnId: ulid(100),
      sale,
      priorReturns: [written, other],
      lines: [{ lineId: 'line-1', quantity: 1 }],
      programs: PROGRAMS,
      member: MEMBER,
      store: STORE,
    });
    expect(again).toEqual({ ok: true, value: first });
  });

  it('a program version the till does not have is taken back in proportion, and the plan says so', () => {
    const p = plan(sale, [{ lineId: 'line-1', quantity: 1 }], [], { programs: [PER_EURO, WEEKEND] });
    // The bonus keeps floor(100 × €40 / €60) = 66, so 34 back; base and weekend by re-evaluation.
    expect(rows(p)).toEqual([
      [`${ulid(100)}/return/clawback/p-bonus@2/over-50`, -34],
      [`${ulid(100)}/return/clawback/p-euro@3/base`, -40],
      [`${ulid(100)}/return/clawback/p-weekend@1/x2`, -40],
    ]);
    expect(p.fallbacks).toEqual([
      { programId: 'p-bonus', version: 2, ruleId: 'over-50', reason: 'program-version-missing' },
    ]);
  });

  it('when the whole sale re-evaluated does not earn what it recorded (no member to judge it), every rule goes back in proportion', () => {
    const p = plan(sale, [{ lineId: 'line-1', quantity: 1 }], [], { member: null });
    // Each rule keeps floor(earned × €40 / €60): 80 of 120, 80 of 120, 66 of 100.
    expect(rows(p)).toEqual([
      [`${ulid(100)}/return/clawback/p-bonus@2/over-50`, -34],
      [`${ulid(100)}/return/clawback/p-euro@3/base`, -40],
      [`${ulid(100)}/return/clawback/p-weekend@1/x2`, -40],
    ]);
    expect(p.fallbacks.map((f) => `${f.programId}/${f.ruleId}: ${f.reason}`)).toEqual([
      'p-bonus/over-50: re-evaluation-differs',
      'p-euro/base: re-evaluation-differs',
      'p-weekend/x2: re-evaluation-differs',
    ]);
  });

  it('a newer version of a program than the sale used is not the one that judges the return', () => {
    const newer = { ...BONUS, program: { ...BONUS.program, version: 3 } };
    const p = plan(sale, [{ lineId: 'line-1', quantity: 1 }], [], { programs: [PER_EURO, WEEKEND, newer] });
    expect(p.fallbacks.map((f) => f.reason)).toEqual(['program-version-missing']);
  });
});

describe('a once-a-day bonus, after the sale has been folded into the member', () => {
  const parsed = parseProgram({
    id: 'p-daily',
    version: 1,
    name: 'Daily visit',
    kind: 'points',
    status: 'active',
    rules: [
      {
        id: 'visit',
        name: '+25 points once a day',
        then: [{ type: 'points-fixed', points: 25 }],
        limits: { perMemberPerDay: 1 },
      },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.message);
  const daily = compileProgram(parsed.value);
  const programs = [...PROGRAMS, daily];
  const sale = three20(SAT_NOON, { programs });
  // The replica now counts the sale: one more purchase, the visit, the bonus used today.
  const after = {
    ...MEMBER,
    purchaseCount: MEMBER.purchaseCount + 1,
    visits: [{ at: SAT_NOON, spendCents: 6000 }],
    counters: { 'p-daily/visit': { lifetime: 1, byDay: { [sale.businessDay]: 1 } } },
  };

  it('the member keeps the 25 (the kept goods still earn it that day); only the basket-driven points go back', () => {
    expect(pointsIn(sale.loyalty?.ledger)).toBe(365);
    const p = plan(sale, [{ lineId: 'line-1', quantity: 1 }], [], { programs, member: after });
    expect(p.pointsTakenBack).toBe(180);
    expect(p.fallbacks).toEqual([]);
    expect(rows(p).map(([id]) => id)).not.toContain(`${ulid(100)}/return/clawback/p-daily@1/visit`);
  });
});

describe('the same sale on a Wednesday: 120 base + 100 bonus = 220', () => {
  it('returning €20 takes back 140 (the bonus and 40 base points)', () => {
    const sale = three20(WED_NOON);
    expect(pointsIn(sale.loyalty?.ledger)).toBe(220);
    expect(plan(sale, [{ lineId: 'line-1', quantity: 1 }]).pointsTakenBack).toBe(140);
  });
});

describe('money back by the original tenders', () => {
  // €60: €10 on gift card G-1, €10 as 1,000 points, €40 by card.
  const sale = three20(SAT_NOON, {
    tenders: [
      { method: 'gift-card', weight: 1, code: 'G-1' },
      { method: 'points', weight: 1 },
      { method: 'card', weight: 4 },
    ],
  });

  it('€20 back is shared €3.33 / €3.33 (333 points) / €13.34, and the 333 points come back as a ledger row', () => {
    const p = plan(sale, [{ lineId: 'line-1', quantity: 1 }]);
    expect(p.refunds).toEqual([
      { method: 'gift-card', amountCents: 333, code: 'G-1' },
      { method: 'points', amountCents: 333, points: 333 },
      { method: 'card', amountCents: 1334 },
    ]);
    expect(p.loyalty?.ledger.filter(isSpend).map((e) => [e.id, e.amount, e.ruleId])).toEqual([
      [`${ulid(100)}/return/recredit/tender`, 333, 'points-tender'],
    ]);
    expect(p.pointsCredited).toBe(333);
  });

  it('the rest of the sale brings every tender back in full, the 1,000 points exactly once', () => {
    const first = returnEventOf(plan(sale, [{ lineId: 'line-1', quantity: 1 }]), sale, ulid(100), 2);
    const rest = plan(sale, [{ lineId: 'line-1', quantity: 2 }], [first]);
    expect(rest.refunds).toEqual([
      { method: 'gift-card', amountCents: 667, code: 'G-1' },
      { method: 'points', amountCents: 667, points: 667 },
      { method: 'card', amountCents: 2666 },
    ]);
    const spends = [sale.loyalty, first.loyalty, rest.loyalty]
      .flatMap((l) => l?.ledger ?? [])
      .filter(isSpend);
    expect(pointsIn(spends)).toBe(0);
  });
});

describe('no points on the part paid with points, before or after a return', () => {
  // €60 on a Wednesday, €20 of it paid with 2,000 points: 2 points per euro on the €40 paid
  // otherwise = 80, +100 over €50 (the basket is €60) = 180.
  const sale = three20(WED_NOON, {
    tenders: [
      { method: 'points', weight: 1 },
      { method: 'card', weight: 2 },
    ],
  });

  it('returning €20 gives €6.66 back as 666 points and €13.34 to the card, and keeps 53 points', () => {
    expect(pointsIn(sale.loyalty?.ledger, (e) => !isSpend(e))).toBe(180);
    const p = plan(sale, [{ lineId: 'line-1', quantity: 1 }]);
    expect(p.refunds).toEqual([
      { method: 'points', amountCents: 666, points: 666 },
      { method: 'card', amountCents: 1334 },
    ]);
    // Kept: €40 of goods, €13.34 of them paid with points → 2 × 26.66 = 53 points; the bonus is gone.
    expect(rows(p)).toEqual([
      [`${ulid(100)}/return/clawback/p-bonus@2/over-50`, -100],
      [`${ulid(100)}/return/clawback/p-euro@3/base`, -27],
      [`${ulid(100)}/return/recredit/tender`, 666],
    ]);
  });
});

describe('points spent on a reward come back in proportion to the value returned', () => {
  it('500 points for €2 off a €60 sale: returning €19.33 of €58 credits back floor(500 × 1933/5800) = 166', () => {
    const sale = saleOf({
      lines: [{ quantity: 3, unitPriceCents: 2000, discountCents: 200 }],
      at: WED_NOON,
      rewardPoints: 500,
    });
    const p = plan(sale, [{ lineId: 'line-1', quantity: 1 }]);
    expect(p.totalCents).toBe(1933);
    expect(p.loyalty?.ledger.filter(isSpend).map((e) => [e.id, e.amount])).toEqual([
      [`${ulid(100)}/return/recredit/spend`, 166],
    ]);
  });
});

describe('what is still returnable', () => {
  it('€10 for 3 units comes back as €3.33, €3.33 and €3.34: the last return takes the remainder', () => {
    // 3 × €4.00 less a €2.00 reward = €10.00 for the line.
    const uneven = saleOf({
      lines: [{ quantity: 3, unitPriceCents: 400, discountCents: 200 }],
      at: WED_NOON,
    });
    const refunds: number[] = [];
    const prior: ReturnEvent[] = [];
    for (let k = 0; k < 3; k++) {
      const p = plan(uneven, [{ lineId: 'line-1', quantity: 1 }], prior);
      refunds.push(p.totalCents);
      prior.push(returnEventOf(p, uneven, ulid(100 + k), 2 + k));
    }
    expect(refunds).toEqual([333, 333, 334]);
    expect(returnableLines(uneven, [])[0]).toMatchObject({ quantity: 3, refundableCents: 1000 });
    expect(returnableLines(uneven, prior)[0]).toMatchObject({ quantity: 0, refundableCents: 0 });
  });

  it('a weighed line comes back by the gram: 250 g of 750 g for €12.34 refunds €4.11, 500 g and €8.23 remain', () => {
    const sale = saleOf({ lines: [{ quantity: 1, unitPriceCents: 1645, weightGrams: 750 }], at: WED_NOON });
    expect(sale.lines[0]?.amountCents).toBe(1234);
    const p = plan(sale, [{ lineId: 'line-1', quantity: 1, weightGrams: 250 }]);
    expect(p.lines).toEqual([
      {
        lineId: 'line-1',
        productId: 'product-1',
        name: 'Product 1',
        quantity: 1,
        weightGrams: 250,
        refundCents: 411,
      },
    ]);
    const after = returnableLines(sale, [returnEventOf(p, sale, ulid(100), 2)]);
    expect(after).toEqual([
      {
        lineId: 'line-1',
        productId: 'product-1',
        name: 'Product 1',
        quantity: 1,
        weightGrams: 500,
        refundableCents: 823,
      },
    ]);
  });

  it('asking for more than is left, a line not on the sale, or nothing, is refused with a reason', () => {
    const sale = three20(WED_NOON);
    const ask = (lines: PlanReturnInput['lines']) =>
      planReturn({
        returnId: ulid(100),
        sale,
        priorReturns: [],
        lines,
        programs: PROGRAMS,
        member: MEMBER,
        store: STORE,
      });
    expect(ask([{ lineId: 'line-1', quantity: 4 }])).toMatchObject({ ok: false, reason: 'exceeds-sale' });
    expect(ask([{ lineId: 'line-9', quantity: 1 }])).toMatchObject({ ok: false, reason: 'unknown-line' });
    expect(ask([{ lineId: 'line-1', quantity: 0 }])).toMatchObject({
      ok: false,
      reason: 'nothing-to-return',
    });
    expect(ask([])).toMatchObject({ ok: false, reason: 'nothing-to-return' });
  });
});

describe('coupons', () => {
  const sale = saleOf({
    lines: [{ quantity: 2, unitPriceCents: 1500 }],
    at: WED_NOON,
    coupons: ['AUTUMN-7'],
  });

  it('stay spent on a partial return and come back when the whole sale is returned', () => {
    const part = plan(sale, [{ lineId: 'line-1', quantity: 1 }]);
    expect(part.restoredCoupons).toEqual([]);
    const rest = plan(sale, [{ lineId: 'line-1', quantity: 1 }], [returnEventOf(part, sale, ulid(100), 2)]);
    expect(rest.restoredCoupons).toEqual(['AUTUMN-7']);
    expect(plan(sale, [{ lineId: 'line-1', quantity: 2 }]).restoredCoupons).toEqual(['AUTUMN-7']);
  });
});
