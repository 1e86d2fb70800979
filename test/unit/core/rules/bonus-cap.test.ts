import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../core/rules/index';
import { basket, ctx, line, member, program } from './support/builders';
import { evalExamples, texts } from './support/examples';

/** Saturday 28 November 2026, 10:00 in Amsterdam. */
const SAT_10 = Date.UTC(2026, 10, 28, 9, 0);
const b3200 = basket([line('a', 'x', 3200)]);

const base = {
  id: 'base',
  name: 'Base',
  then: [{ type: 'points-per-amount', points: 10, perCents: 100, rounding: 'down' }],
};
const big = {
  id: 'big',
  name: 'Big',
  when: { type: 'basket-total', minCents: 3000 },
  then: [{ type: 'points-fixed', points: 300 }],
};

describe('bonus cap per transaction (bonus-cap.json + weekend-double.json)', () => {
  it('on a Saturday: 320 base, +300 big basket, 2× +320 → bonus 620 cut to 500', () => {
    const r = evalExamples(['bonus-cap', 'weekend-double'], b3200, member(), { at: SAT_10 });
    expect(r.points).toEqual({ points: 820 }); // 320 base (never capped) + 500 bonus
    expect(texts(r)).toEqual([
      '+320 points — 10 points per euro',
      '+300 points — Big basket bonus',
      '2× points (+320) — Weekend double points (capped to +200)',
      'Bonus capped at 500 points: 120 points not awarded',
    ]);
    expect(r.ledger.map((l) => [l.ruleId, l.amount])).toEqual([
      ['base', 320],
      ['big-basket', 300],
      ['r-weekend-2x', 200],
    ]);
    expect(r.bonusCaps).toEqual([
      { programId: 'bonus-cap', currency: 'points', cap: 500, bonusBefore: 620, notAwarded: 120 },
    ]);
    expect(r.trace.at(-1)).toMatchObject({ programId: 'bonus-cap', ruleId: 'bonusCap', outcome: 'capped' });
  });

  it('on a Wednesday the bonus (300) is under the cap: nothing cut, nothing said', () => {
    const r = evalExamples(['bonus-cap', 'weekend-double'], b3200, member());
    expect(r.points).toEqual({ points: 620 });
    expect(r.bonusCaps).toEqual([]);
    expect(texts(r)).toEqual(['+320 points — 10 points per euro', '+300 points — Big basket bonus']);
  });

  it('base earn is never cut, even under a cap of 0', () => {
    const p = program(
      [
        base,
        { id: 'welcome', name: 'Welcome', then: [{ type: 'points-fixed', points: 1000, base: true }] },
        big,
      ],
      { bonusCap: { perTransaction: 0 } },
    );
    const r = evaluate([p], b3200, member(), ctx());
    expect(r.points).toEqual({ points: 1320 }); // 320 + 1000 (both base); the 300 bonus is cut
    expect(r.bonusCaps).toEqual([
      { programId: 'p', currency: 'points', cap: 0, bonusBefore: 300, notAwarded: 300 },
    ]);
  });

  it('a rule cut to nothing did not apply: no usage, and its coupon is not spent', () => {
    const double = {
      id: 'double',
      name: 'Double points coupon',
      when: { type: 'coupon', prefix: 'DOUBLE-' },
      then: [{ type: 'points-multiplier', factor: 2 }],
    };
    const p = program([base, big, double], { bonusCap: { perTransaction: 300 } });
    const r = evaluate([p], { ...b3200, coupons: ['DOUBLE-1'] }, member(), ctx());
    // 320 base + 300 big (phase 1) fills the cap; the 2× (+320, phase 2) is cut to 0
    expect(r.points).toEqual({ points: 620 });
    expect(texts(r)).toEqual([
      '+320 points — Base',
      '+300 points — Big',
      'Bonus capped at 300 points: 320 points not awarded',
    ]);
    expect(r.usage.map((u) => u.ruleId)).toEqual(['base', 'big']);
    expect(r.couponsRedeemed).toEqual([]);
  });

  it('caps each points currency apart; the lowest cap of the eligible programs holds', () => {
    const points = program([base, big], { id: 'points-500', bonusCap: { perTransaction: 500 } });
    const strict = program([{ ...big, id: 'big2', name: 'Big 2' }], {
      id: 'points-200',
      bonusCap: { perTransaction: 200 },
    });
    const elsewhere = program([base], {
      id: 'points-50',
      bonusCap: { perTransaction: 50 },
      scope: { stores: ['rtm-01'] },
    });
    const stars = program(
      [{ id: 'star-bonus', name: 'Star bonus', then: [{ type: 'points-fixed', points: 400 }] }],
      { id: 'stars', pointsCurrency: 'stars' },
    );
    const r = evaluate([stars, elsewhere, strict, points], b3200, member(), ctx());
    // points: base 320; bonus 300 (big) + 300 (big2) = 600 → cap 200 (points-50 is out of scope)
    expect(r.points).toEqual({ points: 520, stars: 400 });
    expect(r.bonusCaps).toEqual([
      { programId: 'points-200', currency: 'points', cap: 200, bonusBefore: 600, notAwarded: 400 },
    ]);
    // the later bonus in rule order (program id points-500 after points-200) is the one cut away
    expect(
      r.effects.filter((e) => e.kind === 'points').map((e) => [e.programId, e.ruleId, e.points]),
    ).toEqual([
      ['points-200', 'big2', 200],
      ['points-500', 'base', 320],
      ['stars', 'star-bonus', 400],
    ]);
  });
});
