import type { Facts } from './facts';
import type { Condition, DayName } from './schema/condition';
import type { Rule } from './schema/program';

/**
 * Which rules of a program a basket can possibly fire, looked up from what the evaluation holds —
 * its lines' skus, categories, brands and tags, the member's tier and segments, the weekday, the
 * event, store, region, channel, flags and coupons — instead of testing every rule.
 *
 * A rule is filed under the conditions it cannot pass without: the leaves below that test one of
 * those facts for a value in a list, reached from the root through `all` only — never through `any`
 * or `not`. It is visited only when every one of them meets its value. A skipped rule fails, since
 * one of those leaves fails; and it gives no near-miss hint either: a `lines` shortfall is null when
 * no line matches, the other leaves have none, and an `all` hints only when each of its failing
 * parts does (conditions/near-miss.ts). Rules with no such leaf are always visited.
 */
const DIMENSIONS = [
  'sku',
  'category',
  'brand',
  'tag',
  'tier',
  'segment',
  'weekday',
  'event',
  'store',
  'region',
  'channel',
  'flag',
  'coupon',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface RuleIndex {
  /** Per rule (index into the program's sorted rules): one bit per condition it is filed under. */
  readonly need: Uint8Array;
  /** Per dimension, value → postings `rule * 8 + bit`: the rules (and which condition) it meets. */
  readonly postings: Readonly<Record<Dimension, ReadonlyMap<string, readonly number[]>>>;
  /** Every rule, for a program where no rule is filed under anything. */
  readonly all: readonly number[] | null;
}

interface Key {
  readonly dimension: Dimension;
  readonly values: readonly string[];
}

/** A rule is filed under at most 8 conditions: one byte of bits per rule. */
const MAX_KEYS = 8;
const DAYS: readonly DayName[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The key of a leaf that passes only if a fact holds one of its values, or null. */
function leafKeys(c: Condition): Key[] {
  switch (c.type) {
    case 'lines': {
      // A matching line is in every include list; excludes never make a line match.
      const m = c.match;
      const out: Key[] = [];
      if (m.skus) out.push({ dimension: 'sku', values: m.skus });
      if (m.categories) out.push({ dimension: 'category', values: m.categories });
      if (m.brands) out.push({ dimension: 'brand', values: m.brands });
      if (m.tags) out.push({ dimension: 'tag', values: m.tags });
      return out;
    }
    case 'member-tier':
      return [{ dimension: 'tier', values: c.tiers }];
    case 'member-segment':
      return [{ dimension: 'segment', values: c.segments }];
    case 'days-of-week':
      return [{ dimension: 'weekday', values: c.days }];
    case 'event':
      return [{ dimension: 'event', values: c.events }];
    case 'store':
      return [{ dimension: 'store', values: c.stores }];
    case 'region':
      return [{ dimension: 'region', values: c.regions }];
    case 'channel':
      return [{ dimension: 'channel', values: c.channels }];
    case 'basket-flag':
      return [{ dimension: 'flag', values: [c.flag] }];
    case 'coupon':
      // A prefix matches codes no list can name.
      return c.codes && !c.prefix ? [{ dimension: 'coupon', values: c.codes }] : [];
    default:
      return [];
  }
}

/** The keys of the leaves every passing evaluation must satisfy: the root, and `all`'s children. */
export function necessaryKeys(c: Condition | undefined, out: Key[] = []): Key[] {
  if (!c) return out;
  if (c.type === 'all') for (const x of c.conditions) necessaryKeys(x, out);
  else out.push(...leafKeys(c));
  return out;
}

export function buildRuleIndex(rules: readonly { readonly rule: Rule }[]): RuleIndex {
  const postings = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, number[]>()])) as Record<
    Dimension,
    Map<string, number[]>
  >;
  const need = new Uint8Array(rules.length);
  rules.forEach((r, i) => {
    for (const [bit, key] of necessaryKeys(r.rule.when).slice(0, MAX_KEYS).entries()) {
      need[i] = (need[i] as number) | (1 << bit);
      const map = postings[key.dimension];
      for (const v of new Set(key.values)) {
        const list = map.get(v);
        if (list) list.push(i * 8 + bit);
        else map.set(v, [i * 8 + bit]);
      }
    }
  });
  const all = need.every((n) => n === 0) ? rules.map((_, i) => i) : null;
  return { need, postings, all };
}

/**
 * The indexes of the rules this evaluation can fire, ascending — the program's rule order, so
 * exclusivity, groups and the trace see the rules exactly as a full scan would.
 */
export function candidateRules(index: RuleIndex, facts: Facts): readonly number[] {
  if (index.all) return index.all;
  const met = new Uint8Array(index.need.length);
  const p = index.postings;
  const mark = (map: ReadonlyMap<string, readonly number[]>, value: string | undefined) => {
    const list = value === undefined || map.size === 0 ? undefined : map.get(value);
    if (list) for (const e of list) met[e >> 3] = (met[e >> 3] as number) | (1 << (e & 7));
  };
  for (const line of facts.lines) {
    mark(p.sku, line.sku);
    mark(p.category, line.category);
    mark(p.brand, line.brand);
    for (const t of line.tags) mark(p.tag, t);
  }
  mark(p.tier, facts.member?.tier);
  for (const s of facts.member?.segments ?? []) mark(p.segment, s);
  mark(p.weekday, DAYS[facts.local.weekday]);
  mark(p.event, facts.eventType);
  mark(p.store, facts.ctx.storeId);
  mark(p.region, facts.ctx.region);
  mark(p.channel, facts.ctx.channel);
  for (const f of facts.flags) mark(p.flag, f);
  for (const c of facts.coupons) mark(p.coupon, c);
  // A scan (not a sort) gives the ascending order: one byte per rule.
  const out: number[] = [];
  for (let i = 0; i < met.length; i++) if (met[i] === index.need[i]) out.push(i);
  return out;
}
