import type { Facts, MatchAgg } from '../facts';
import type { BasketLine } from '../model';
import type { LineMatch } from '../schema/common';

export interface CompiledMatch {
  /** Canonical key: rules that match the same lines share one aggregate per evaluation. */
  readonly key: string;
  readonly test: (line: BasketLine) => boolean;
}

const sorted = (xs: readonly string[] | undefined) => (xs ? [...xs].sort() : undefined);

export function compileMatch(m: LineMatch): CompiledMatch {
  const skus = m.skus && new Set(m.skus);
  const categories = m.categories && new Set(m.categories);
  const brands = m.brands && new Set(m.brands);
  const tags = m.tags;
  const excludeTags = m.excludeTags;
  const key = JSON.stringify([
    sorted(m.skus),
    sorted(m.categories),
    sorted(m.brands),
    sorted(m.tags),
    sorted(m.excludeTags),
  ]);
  const test = (line: BasketLine): boolean => {
    if (skus && !skus.has(line.sku)) return false;
    if (categories && !categories.has(line.category)) return false;
    if (brands && !brands.has(line.brand)) return false;
    if (tags && !tags.some((t) => line.tags.includes(t))) return false;
    if (excludeTags && excludeTags.some((t) => line.tags.includes(t))) return false;
    return true;
  };
  return { key, test };
}

/** Every line: the match used when an effect names no lines (the whole basket). */
export const ALL_LINES: CompiledMatch = { key: '*', test: () => true };

export function aggregate(facts: Facts, match: CompiledMatch): MatchAgg {
  const cached = facts.matches.get(match.key);
  if (cached) return cached;
  let quantity = 0;
  let amountCents = 0;
  const lines: number[] = [];
  const all = facts.lines;
  for (let i = 0; i < all.length; i++) {
    const line = all[i] as BasketLine;
    if (!match.test(line)) continue;
    quantity += line.quantity;
    amountCents += line.amountCents;
    lines.push(i);
  }
  const agg = { quantity, amountCents, lines };
  facts.matches.set(match.key, agg);
  return agg;
}
