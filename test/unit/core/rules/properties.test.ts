import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, type Basket, type Evaluation } from '../../../../core/rules/index';
import { basketArb, ctxArb, memberArb, programArb } from './support/arbitraries';
import { example } from './support/examples';

const EXAMPLES = [
  'bonvoy-tiers',
  'weekend-double',
  'soft-launch-region',
  'next-visit-coupon',
  'sweat-collective',
  'prime-membership',
  'coffee-stamp-card',
].map(example);
const runs = { numRuns: 300 };

/** Output with the line results in lineId order, so two evaluations of permuted baskets compare. */
const normal = (r: Evaluation) => ({
  ...r,
  lines: [...r.lines].sort((a, b) => (a.lineId < b.lineId ? -1 : 1)),
});

describe('rules engine properties', () => {
  it('is deterministic: the same inputs give the same output', () => {
    fc.assert(
      fc.property(programArb, basketArb, memberArb, ctxArb, (p, b, m, c) => {
        expect(evaluate([p, ...EXAMPLES], b, m, c)).toEqual(evaluate([p, ...EXAMPLES], b, m, c));
      }),
      runs,
    );
  });

  it('line order and program order do not change the result', () => {
    fc.assert(
      fc.property(programArb, basketArb, memberArb, ctxArb, fc.integer(), (p, b, m, c, seed) => {
        const lines = [...b.lines];
        // deterministic shuffle from the seed
        let s = seed >>> 0;
        for (let i = lines.length - 1; i > 0; i--) {
          s = (s * 1_103_515_245 + 12_345) >>> 0;
          const j = s % (i + 1);
          [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        }
        const shuffled: Basket = { ...b, lines };
        expect(normal(evaluate([...EXAMPLES, p].reverse(), shuffled, m, c))).toEqual(
          normal(evaluate([p, ...EXAMPLES], b, m, c)),
        );
      }),
      runs,
    );
  });

  it('discounts never exceed what they discount, and totals never go negative', () => {
    fc.assert(
      fc.property(programArb, basketArb, memberArb, ctxArb, (p, b, m, c) => {
        const r = evaluate([p, ...EXAMPLES], b, m, c);
        for (const l of r.lines) {
          expect(l.discountCents).toBeGreaterThanOrEqual(0);
          expect(l.discountCents).toBeLessThanOrEqual(l.amountCents);
          expect(l.netCents).toBeGreaterThanOrEqual(0);
        }
        expect(r.totals.discountCents).toBeLessThanOrEqual(r.totals.grossCents);
        expect(r.totals.netCents).toBeGreaterThanOrEqual(0);
        for (const e of r.effects) {
          if (e.kind !== 'discount') continue;
          expect(e.discountCents).toBeGreaterThan(0);
          expect(e.lines.reduce((s, l) => s + l.discountCents, 0)).toBe(e.discountCents);
        }
      }),
      runs,
    );
  });

  it('earn rules never produce negative points', () => {
    fc.assert(
      fc.property(programArb, basketArb, memberArb, ctxArb, (p, b, m, c) => {
        const r = evaluate([p, ...EXAMPLES], b, m, c);
        for (const e of r.effects) if (e.kind === 'points') expect(e.points).toBeGreaterThan(0);
        for (const v of Object.values(r.points)) expect(v).toBeGreaterThan(0);
        if (!m) expect(r.points).toEqual({});
      }),
      runs,
    );
  });

  it('limits are never exceeded: member counters per day, year and lifetime, and repeats per transaction', () => {
    fc.assert(
      fc.property(programArb, basketArb, memberArb, ctxArb, (p, b, m, c) => {
        const r = evaluate([p], b, m, c);
        for (const u of r.usage) {
          const rule = p.rules.find((x) => x.id === u.ruleId);
          const limits = rule?.limits;
          if (!limits) continue;
          const counter = m?.counters[u.counterKey];
          const year = Object.entries(counter?.byDay ?? {})
            .filter(([d]) => d.startsWith(u.day.slice(0, 4)))
            .reduce((s, [, n]) => s + n, 0);
          if (limits.perMemberPerDay)
            expect((counter?.byDay?.[u.day] ?? 0) + 1).toBeLessThanOrEqual(limits.perMemberPerDay);
          if (limits.perMemberPerYear) expect(year + 1).toBeLessThanOrEqual(limits.perMemberPerYear);
          if (limits.perMemberLifetime)
            expect((counter?.lifetime ?? 0) + 1).toBeLessThanOrEqual(limits.perMemberLifetime);
        }
        for (const e of r.effects) {
          const rule = p.rules.find((x) => x.id === e.ruleId);
          const effect = rule?.then[e.effectIndex];
          const cap = rule?.limits?.perTransaction;
          if (!cap || !effect) continue;
          if (effect.type === 'points-per-item' && e.kind === 'points')
            expect(e.points).toBeLessThanOrEqual(cap * effect.points);
          if (effect.type === 'fixed-price' && e.kind === 'discount') {
            // at most `cap` units, each discounted by at most its price
            expect(e.lines.length).toBeLessThanOrEqual(cap);
          }
        }
      }),
      runs,
    );
  });
});
