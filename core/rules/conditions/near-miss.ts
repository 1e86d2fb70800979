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
 * A shortfall worth a hint at the till: at most half the threshold in money, or at most 2 items.
 * Anything further off is null, and is never allocated (most rules miss by far, on every basket).
 */
function gap(kind: Shortfall['kind'], amount: number, threshold: number): Shortfall | null {
  const close = kind === 'spend' ? amount * 2 <= threshold : amount <= 2;
  return close ? { kind, amount, threshold } : null;
}

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
          ? gap('spend', min - f.totalCents, min)
          : null;
    }
    case 'lines': {
      const match = compileMatch(c.match);
      return (f) => {
        const agg = aggregate(f, match);
        // Only a basket already on its way counts: no hint to buy shoes to someone buying coffee.
        if (agg.quantity === 0) return null;
        if (c.minAmountCents !== undefined && agg.amountCents < c.minAmountCents) {
          return gap('spend', c.minAmountCents - agg.amountCents, c.minAmountCents);
        }
        const minQ = c.minQuantity ?? 1;
        if (agg.quantity < minQ) return gap('items', minQ - agg.quantity, minQ);
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
