import type { Facts } from './facts';
import type { Condition } from './schema/condition';
import type { Rule } from './schema/program';

/**
 * Which rules of a program a basket can possibly fire, looked up from its lines' skus, categories,
 * brands and tags and the member's tier, instead of testing every rule.
 *
 * A rule is filed under the conditions it cannot pass without: each `lines` leaf (by the values of
 * its include lists) and `member-tier` leaf reached from the root through `all` only — never
 * through `any` or `not`. It is visited only when every one of them is met by some line (or by the
 * tier). A skipped rule fails, since one of those leaves fails; and it gives no near-miss hint
 * either: a `lines` shortfall is null when no line matches, a tier has none, and an `all` hints only
 * when each of its failing parts does (conditions/near-miss.ts). Rules with no such leaf are always
 * visited.
 */
export interface RuleIndex {
  /** Per rule (index into the program's sorted rules): one bit per condition it is filed under. */
  readonly need: Uint8Array;
  /** Value → postings `rule * 8 + bit`: the rules (and which of their conditions) it meets. */
  readonly bySku: ReadonlyMap<string, readonly number[]>;
  readonly byCategory: ReadonlyMap<string, readonly number[]>;
  readonly byBrand: ReadonlyMap<string, readonly number[]>;
  readonly byTag: ReadonlyMap<string, readonly number[]>;
  readonly byTier: ReadonlyMap<string, readonly number[]>;
  /** Every rule, for a program where no rule is filed under anything. */
  readonly all: readonly number[] | null;
}

type Dimension = 'bySku' | 'byCategory' | 'byBrand' | 'byTag' | 'byTier';
interface Key {
  readonly dimension: Dimension;
  readonly values: readonly string[];
}

/** A rule is filed under at most 8 conditions: one byte of bits per rule. */
const MAX_KEYS = 8;

/**
 * The filing keys of the leaves every passing basket must satisfy (the root, and the children of
 * `all`, recursively). One `lines` leaf gives a key per include list, since a matching line must
 * be in each of them; excludes never make a line match, so they give none.
 */
export function necessaryKeys(c: Condition | undefined, out: Key[] = []): Key[] {
  if (!c) return out;
  if (c.type === 'all') for (const x of c.conditions) necessaryKeys(x, out);
  else if (c.type === 'member-tier') out.push({ dimension: 'byTier', values: c.tiers });
  else if (c.type === 'lines') {
    const m = c.match;
    if (m.skus) out.push({ dimension: 'bySku', values: m.skus });
    if (m.categories) out.push({ dimension: 'byCategory', values: m.categories });
    if (m.brands) out.push({ dimension: 'byBrand', values: m.brands });
    if (m.tags) out.push({ dimension: 'byTag', values: m.tags });
  }
  return out;
}

export function buildRuleIndex(rules: readonly { readonly rule: Rule }[]): RuleIndex {
  const maps: Record<Dimension, Map<string, number[]>> = {
    bySku: new Map(),
    byCategory: new Map(),
    byBrand: new Map(),
    byTag: new Map(),
    byTier: new Map(),
  };
  const need = new Uint8Array(rules.length);
  rules.forEach((r, i) => {
    for (const [bit, key] of necessaryKeys(r.rule.when).slice(0, MAX_KEYS).entries()) {
      need[i] = (need[i] as number) | (1 << bit);
      const map = maps[key.dimension];
      for (const v of new Set(key.values)) {
        const list = map.get(v);
        if (list) list.push(i * 8 + bit);
        else map.set(v, [i * 8 + bit]);
      }
    }
  });
  const all = need.every((n) => n === 0) ? rules.map((_, i) => i) : null;
  return { need, ...maps, all };
}

/**
 * The indexes of the rules this basket and member can fire, ascending — the program's rule order,
 * so exclusivity, groups and the trace see the rules exactly as a full scan would.
 */
export function candidateRules(index: RuleIndex, facts: Facts): readonly number[] {
  if (index.all) return index.all;
  const met = new Uint8Array(index.need.length);
  const mark = (postings: readonly number[] | undefined) => {
    if (postings) for (const p of postings) met[p >> 3] = (met[p >> 3] as number) | (1 << (p & 7));
  };
  for (const line of facts.lines) {
    mark(index.bySku.get(line.sku));
    mark(index.byCategory.get(line.category));
    mark(index.byBrand.get(line.brand));
    for (const t of line.tags) mark(index.byTag.get(t));
  }
  const tier = facts.member?.tier;
  if (tier !== undefined) mark(index.byTier.get(tier));
  // A scan (not a sort) gives the ascending order: one byte per rule.
  const out: number[] = [];
  for (let i = 0; i < met.length; i++) if (met[i] === index.need[i]) out.push(i);
  return out;
}
