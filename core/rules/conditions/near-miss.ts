import type { Facts } from '../facts';
import type { Condition } from '../schema/condition';
import { compileCondition } from './compile-condition';
import { aggregate, compileMatch } from './line-match';

/** What is missing for a condition to pass: more money spent (on some lines) or more items. */
export interface Shortfall {
  readonly kind: 'spend' | 'items';
  readonly amount: number;
  /** What the shortfall was measured against (for the "close enough to mention" test). */
  readonly threshold: number;
}

export type ShortfallFn = (f: Facts) => Shortfall | null;

/**
 * Compiles the "how close is it?" question for a condition. Only thresholds a customer can still
 * reach at the till count: basket total and line quantity/amount. Everything else must pass already.
 */
export function compileShortfall(c: Condition): ShortfallFn | null {
  switch (c.type) {
    case 'basket-total': {
      const min = c.minCents;
      if (min === undefined) return null;
      return (f) =>
        f.totalCents < min && (c.maxCents === undefined || min <= c.maxCents)
          ? { kind: 'spend', amount: min - f.totalCents, threshold: min }
          : null;
    }
    case 'lines': {
      const match = compileMatch(c.match);
      return (f) => {
        const agg = aggregate(f, match);
        // Only a basket already on its way counts: no hint to buy shoes to someone buying coffee.
        if (agg.quantity === 0) return null;
        if (c.minAmountCents !== undefined && agg.amountCents < c.minAmountCents) {
          return { kind: 'spend', amount: c.minAmountCents - agg.amountCents, threshold: c.minAmountCents };
        }
        const minQ = c.minQuantity ?? 1;
        if (agg.quantity < minQ) return { kind: 'items', amount: minQ - agg.quantity, threshold: minQ };
        return null;
      };
    }
    case 'all': {
      const parts = c.conditions.map((x) => ({ test: compileCondition(x), gap: compileShortfall(x) }));
      if (!parts.some((p) => p.gap)) return null;
      return (f) => {
        let found: Shortfall | null = null;
        for (const p of parts) {
          if (p.test(f)) continue;
          if (found || !p.gap) return null; // two things missing, or one that money cannot fix
          found = p.gap(f);
          if (!found) return null;
        }
        return found;
      };
    }
    default:
      return null;
  }
}

/** Close enough to mention at the till: at most half the threshold in money, or at most 2 items. */
export function worthMentioning(s: Shortfall): boolean {
  return s.kind === 'spend' ? s.amount * 2 <= s.threshold : s.amount <= 2;
}
