import type { Facts, MatchAgg } from '../facts';
import type { BasketLine } from '../model';
import type { LineMatch } from '../schema/common';

export interface CompiledMatch {
  /** Canonical key: rules that match the same lines share one aggregate per evaluation. */
  readonly key: string;
  readonly test: (line: BasketLine) => boolean;
}

const sorted = (xs: readonly string[] | undefined) => (xs ? [...xs].sort() : undefined);

// Equal matches compile to one shared object, so the per-evaluation aggregate cache finds them by
// identity instead of comparing long keys. A memo of immutable values: no business state lives here.
const interned = new Map<string, CompiledMatch>();

export function compileMatch(m: LineMatch): CompiledMatch {
  const key = JSON.stringify([
    sorted(m.skus),
    sorted(m.categories),
    sorted(m.brands),
    sorted(m.tags),
    sorted(m.excludeSkus),
    sorted(m.excludeCategories),
    sorted(m.excludeBrands),
    sorted(m.excludeTags),
  ]);
  const known = interned.get(key);
  if (known) return known;
  const compiled = buildMatch(m, key);
  interned.set(key, compiled);
  return compiled;
}

function buildMatch(m: LineMatch, key: string): CompiledMatch {
  const skus = m.skus && new Set(m.skus);
  const categories = m.categories && new Set(m.categories);
  const brands = m.brands && new Set(m.brands);
  const tags = m.tags;
  const excludeSkus = m.excludeSkus && new Set(m.excludeSkus);
  const excludeCategories = m.excludeCategories && new Set(m.excludeCategories);
  const excludeBrands = m.excludeBrands && new Set(m.excludeBrands);
  const excludeTags = m.excludeTags;
  const test = (line: BasketLine): boolean => {
    if (skus && !skus.has(line.sku)) return false;
    if (categories && !categories.has(line.category)) return false;
    if (brands && !brands.has(line.brand)) return false;
    if (tags && !tags.some((t) => line.tags.includes(t))) return false;
    if (excludeSkus && excludeSkus.has(line.sku)) return false;
    if (excludeCategories && excludeCategories.has(line.category)) return false;
    if (excludeBrands && excludeBrands.has(line.brand)) return false;
    if (excludeTags && excludeTags.some((t) => line.tags.includes(t))) return false;
    return true;
  };
  return { key, test };
}

/** Every line: the match used when an effect names no lines (the whole basket). */
export const ALL_LINES: CompiledMatch = { key: '*', test: () => true };

export function aggregate(facts: Facts, match: CompiledMatch): MatchAgg {
  const cached = facts.matches.get(match);
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
  facts.matches.set(match, agg);
  return agg;
}
