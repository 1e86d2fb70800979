/**
 * The same rule conditions in two engines: Kassa's program language and json-rules-engine's
 * condition JSON. Used by the differential test and by test/bench/rules.bench.ts.
 */
import type { RuleProperties, TopLevelCondition, NestedCondition } from 'json-rules-engine';
import {
  localTime,
  parseProgram,
  type Basket,
  type BasketLine,
  type Condition,
  type EvalContext,
  type Member,
  type Program,
} from '../../../../../core/rules/index';

export const CATEGORIES = [
  'coffee',
  'tea',
  'bakery',
  'bread',
  'dairy',
  'fruit',
  'snacks',
  'drinks',
  'apparel',
  'shoes',
];
const TIERS = ['Silver', 'Gold', 'Platinum'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Small seeded PRNG so both engines, every run, see the same rules and baskets. */
export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}
const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

function leaf(rnd: () => number): Condition {
  // Thresholds sit around what a 20-line basket (≈ €150–€450) reaches, so rules fire now and then,
  // as real promotions do, rather than always or never.
  const k = rnd();
  const category = pick(rnd, CATEGORIES);
  if (k < 0.3)
    return { type: 'lines', match: { categories: [category] }, minQuantity: 2 + Math.floor(rnd() * 6) };
  if (k < 0.45)
    return {
      type: 'lines',
      match: { categories: [category] },
      minAmountCents: 1000 + Math.floor(rnd() * 5000),
    };
  if (k < 0.65) return { type: 'basket-total', minCents: 15000 + Math.floor(rnd() * 30000) };
  if (k < 0.8) return { type: 'member-tier', tiers: [pick(rnd, TIERS)] };
  if (k < 0.9) return { type: 'days-of-week', days: [pick(rnd, DAYS), pick(rnd, DAYS)] };
  const from = 6 + Math.floor(rnd() * 10);
  const until = from + 2 + Math.floor(rnd() * 6);
  return {
    type: 'hours',
    from: `${String(from).padStart(2, '0')}:00`,
    until: `${String(until).padStart(2, '0')}:00`,
  };
}

function condition(rnd: () => number): Condition {
  const n = 2 + Math.floor(rnd() * 2);
  const parts = Array.from({ length: n }, () => leaf(rnd));
  if (rnd() < 0.25 && parts.length > 1) {
    const [first, ...rest] = parts;
    return { type: 'all', conditions: [first as Condition, { type: 'any', conditions: rest }] };
  }
  return { type: 'all', conditions: parts };
}

/** `n` active rules, each worth a fixed bonus when its conditions hold. */
export function generateProgram(n: number, seed = 42): Program {
  const rnd = prng(seed);
  const rules = Array.from({ length: n }, (_, i) => ({
    id: `r${String(i).padStart(4, '0')}`,
    name: `Rule ${i}`,
    when: condition(rnd),
    then: [{ type: 'points-fixed', points: 1 + Math.floor(rnd() * 100) }],
  }));
  const r = parseProgram({
    id: `gen-${n}`,
    version: 1,
    name: `Generated ${n}`,
    kind: 'promotion',
    status: 'active',
    rules,
  });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const DAY_INDEX: Record<string, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function toJre(c: Condition): NestedCondition {
  switch (c.type) {
    case 'all':
      return { all: c.conditions.map(toJre) };
    case 'any':
      return { any: c.conditions.map(toJre) };
    case 'not':
      return { not: toJre(c.condition) };
    case 'basket-total':
      return { fact: 'basketTotal', operator: 'greaterThanInclusive', value: c.minCents ?? 0 };
    case 'lines': {
      const cat = c.match.categories?.[0] ?? '';
      return {
        all: [
          { fact: `qty:${cat}`, operator: 'greaterThanInclusive', value: c.minQuantity ?? 1 },
          { fact: `amt:${cat}`, operator: 'greaterThanInclusive', value: c.minAmountCents ?? 0 },
        ],
      };
    }
    case 'member-tier':
      return { fact: 'tier', operator: 'in', value: [...c.tiers] };
    case 'days-of-week':
      return { fact: 'weekday', operator: 'in', value: c.days.map((d) => DAY_INDEX[d] ?? -1) };
    case 'hours':
      return {
        all: [
          { fact: 'minutes', operator: 'greaterThanInclusive', value: minutes(c.from) },
          { fact: 'minutes', operator: 'lessThan', value: minutes(c.until) },
        ],
      };
    default:
      throw new Error(`not used by the generator: ${c.type}`);
  }
}

export function toJreRules(p: Program): RuleProperties[] {
  return p.rules.map((r) => ({
    name: r.id,
    conditions: (r.when ? toJre(r.when) : { all: [] }) as TopLevelCondition,
    event: { type: r.id },
  }));
}

/** json-rules-engine works on facts, so the basket is flattened into the facts its conditions read. */
export function jreFacts(b: Basket, m: Member | null, c: EvalContext): Record<string, unknown> {
  const local = localTime(c.at, c.timeZone);
  const facts: Record<string, unknown> = {
    tier: m?.tier ?? null,
    weekday: local.weekday,
    minutes: local.minutes,
  };
  let total = 0;
  for (const cat of CATEGORIES) {
    facts[`qty:${cat}`] = 0;
    facts[`amt:${cat}`] = 0;
  }
  for (const l of b.lines) {
    total += l.amountCents;
    facts[`qty:${l.category}`] = (facts[`qty:${l.category}`] as number) + l.quantity;
    facts[`amt:${l.category}`] = (facts[`amt:${l.category}`] as number) + l.amountCents;
  }
  facts.basketTotal = total;
  return facts;
}

/** A `size`-line basket with a member and a moment, drawn from the seed. */
export function generateCase(
  size: number,
  seed: number,
): { basket: Basket; member: Member; ctx: EvalContext } {
  const rnd = prng(seed);
  const lines: BasketLine[] = Array.from({ length: size }, (_, i) => {
    const quantity = 1 + Math.floor(rnd() * 3);
    const unitPriceCents = 50 + Math.floor(rnd() * 1500);
    return {
      lineId: `L${i}`,
      sku: `sku-${Math.floor(rnd() * 500)}`,
      category: pick(rnd, CATEGORIES),
      brand: 'house',
      tags: [],
      quantity,
      unitPriceCents,
      amountCents: quantity * unitPriceCents,
    };
  });
  return {
    basket: { id: `b${seed}`, currency: 'EUR', lines },
    member: {
      id: 'm',
      tier: pick(rnd, [...TIERS, 'Member']),
      segments: [],
      enrolledAt: Date.UTC(2024, 0, 1),
      optedIn: true,
      purchaseCount: 3,
      visits: [],
      counters: {},
    },
    ctx: {
      at: Date.UTC(2026, 0, 1) + Math.floor(rnd() * 364 * 86_400_000),
      storeId: 'ams-01',
      channel: 'store',
      timeZone: pick(rnd, ['Europe/Amsterdam', 'Europe/Bucharest']),
      transactionId: `t${seed}`,
    },
  };
}
