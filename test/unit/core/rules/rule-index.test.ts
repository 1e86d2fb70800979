import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileProgram } from '../../../../core/rules/compile';
import { evaluateWithoutIndex } from '../../../../core/rules/evaluate';
import {
  evaluate,
  parseProgram,
  type Basket,
  type BasketLine,
  type Condition,
  type EvalContext,
  type Member,
  type Program,
} from '../../../../core/rules/index';
import { candidateRules } from '../../../../core/rules/rule-index';
import type { DayName } from '../../../../core/rules/schema/condition';
import { buildFacts } from '../../../../core/rules/facts';
import { ctxArb, memberArb } from './support/arbitraries';

// Small vocabularies, so generated rules and baskets meet often: rules pass, miss by a little, or
// find nothing of theirs in the basket, in about equal measure.
const SKUS = ['a', 'b', 'c', 'd'];
const CATEGORIES = ['coffee', 'bakery', 'shoes'];
const BRANDS = ['house', 'acme'];
const TAGS = ['pastry', 'cold'];
const TIERS = ['Silver', 'Gold', 'Platinum'];

const some = <T>(xs: T[]) => fc.subarray(xs, { minLength: 1, maxLength: 2 });
const matchArb = fc
  .record(
    {
      skus: some(SKUS),
      categories: some(CATEGORIES),
      brands: some(BRANDS),
      tags: some(TAGS),
      excludeSkus: some(SKUS),
      excludeTags: some(TAGS),
    },
    { requiredKeys: [] },
  )
  // The schema refuses a match that names nothing or includes and excludes the same value.
  .filter((m) => Object.keys(m).length > 0)
  .filter((m) => !m.skus?.some((s) => m.excludeSkus?.includes(s)))
  .filter((m) => !m.tags?.some((t) => m.excludeTags?.includes(t)));

const leafArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    type: fc.constant('lines' as const),
    match: matchArb,
    minQuantity: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    type: fc.constant('lines' as const),
    match: matchArb,
    minAmountCents: fc.integer({ min: 100, max: 4000 }),
  }),
  fc.record({ type: fc.constant('basket-total' as const), minCents: fc.integer({ min: 0, max: 8000 }) }),
  fc.record({ type: fc.constant('member-tier' as const), tiers: some(TIERS) }),
  fc.record({ type: fc.constant('member' as const) }),
  fc.record({ type: fc.constant('event' as const), events: fc.constant(['review' as const]) }),
  fc.record({ type: fc.constant('member-segment' as const), segments: some(['plus', 'sweat-collective']) }),
  fc.record({ type: fc.constant('days-of-week' as const), days: some<DayName>(['mon', 'sat', 'sun']) }),
  fc.record({ type: fc.constant('store' as const), stores: some(['ams-01', 'utr-02']) }),
  fc.record({ type: fc.constant('region' as const), regions: some(['nl-north', 'nl-south']) }),
  fc.record({ type: fc.constant('channel' as const), channels: fc.constant(['app' as const]) }),
  fc.record({ type: fc.constant('basket-flag' as const), flag: fc.constant('round-up') }),
  fc
    .record(
      { type: fc.constant('coupon' as const), codes: some(['NEXT5', 'X']), prefix: fc.constant('NE') },
      { requiredKeys: ['type'] },
    )
    .filter((c) => c.codes !== undefined || c.prefix !== undefined),
);

const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.record({
      type: fc.constant('all' as const),
      conditions: fc.array(tie('c'), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      type: fc.constant('any' as const),
      conditions: fc.array(tie('c'), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ type: fc.constant('not' as const), condition: tie('c') }),
  ),
})).c;

const effectArb = fc.oneof(
  fc.record({ type: fc.constant('points-fixed'), points: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ type: fc.constant('percent-off'), percent: fc.integer({ min: 1, max: 50 }), on: matchArb }),
  fc.record({ type: fc.constant('points-per-item'), points: fc.integer({ min: 1, max: 5 }), on: matchArb }),
);

const ruleArb = fc.record(
  {
    when: conditionArb,
    then: fc.array(effectArb, { minLength: 1, maxLength: 2 }),
    priority: fc.integer({ min: 0, max: 2 }),
    group: fc.constantFrom('g1', 'g2'),
    exclusive: fc.boolean(),
    nearMiss: fc.boolean(),
    limits: fc.record({ perMemberPerDay: fc.integer({ min: 1, max: 2 }) }),
  },
  { requiredKeys: ['then'] },
);

const programArb = (id: string): fc.Arbitrary<Program> =>
  fc
    .tuple(fc.array(ruleArb, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 1 }))
    .map(([rules, priority]) => {
      const r = parseProgram({
        id,
        version: 1,
        name: `Program ${id}`,
        kind: 'promotion',
        status: 'active',
        priority,
        rules: rules.map((rule, i) => ({ id: `r${i}`, name: `Rule ${id}${i}`, ...rule })),
      });
      if (!r.ok) throw new Error(r.message);
      return r.value;
    });

const lineArb = (lineId: string): fc.Arbitrary<BasketLine> =>
  fc
    .record({
      sku: fc.constantFrom(...SKUS),
      category: fc.constantFrom(...CATEGORIES),
      brand: fc.constantFrom(...BRANDS),
      tags: fc.subarray(TAGS),
      quantity: fc.integer({ min: 1, max: 3 }),
      unitPriceCents: fc.integer({ min: 1, max: 2000 }),
    })
    .map((l) => ({ ...l, lineId, amountCents: l.unitPriceCents * l.quantity }));

const basketArb: fc.Arbitrary<Basket> = fc
  .integer({ min: 0, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(`L${i}`))))
  .chain((lines) =>
    fc
      .record({ coupons: fc.subarray(['NEXT5', 'NEW1', 'X']), flags: fc.subarray(['round-up']) })
      .map((extra) => ({ id: 'b', currency: 'EUR', lines, ...extra })),
  );

// Members with and without a tier; sales and, now and then, a review (no hints then).
const memberOrTierless: fc.Arbitrary<Member | null> = fc
  .tuple(memberArb, fc.boolean())
  .map(([m, tierless]) => (m && tierless ? { ...m, tier: undefined } : m));
const contextArb: fc.Arbitrary<EvalContext> = fc
  .tuple(ctxArb, fc.boolean())
  .map(([c, review]) => (review ? { ...c, event: { type: 'review' as const } } : c));

describe('rule index', () => {
  it('changes nothing: effects, totals, ledger, trace, near misses and usage equal a full scan', () => {
    fc.assert(
      fc.property(
        programArb('p'),
        programArb('q'),
        basketArb,
        memberOrTierless,
        contextArb,
        (p, q, basket, member, ctx) => {
          const programs = [compileProgram(p), compileProgram(q)];
          expect(evaluate(programs, basket, member, ctx)).toEqual(
            evaluateWithoutIndex(programs, basket, member, ctx),
          );
        },
      ),
      { numRuns: 1000 },
    );
  }, 60_000);

  const coffee: Condition = { type: 'lines', match: { categories: ['coffee'] }, minQuantity: 2 };
  const program = (when: Condition[]): Program => {
    const r = parseProgram({
      id: 'p',
      version: 1,
      name: 'P',
      kind: 'promotion',
      status: 'active',
      rules: when.map((w, i) => ({
        id: `r${i}`,
        name: `Rule ${i}`,
        when: w,
        then: [{ type: 'points-fixed', points: 10 }],
      })),
    });
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };
  const line = (sku: string, category: string, quantity = 1): BasketLine => ({
    lineId: sku,
    sku,
    category,
    brand: 'house',
    tags: [],
    quantity,
    unitPriceCents: 500,
    amountCents: 500 * quantity,
  });
  const ctx: EvalContext = {
    at: Date.UTC(2026, 5, 1, 10),
    storeId: 'ams-01',
    channel: 'store',
    timeZone: 'Europe/Amsterdam',
    transactionId: 't',
  };
  const gold: Member = {
    id: 'm',
    tier: 'Gold',
    segments: [],
    enrolledAt: Date.UTC(2024, 0, 1),
    optedIn: true,
    purchaseCount: 1,
    visits: [],
    counters: {},
  };

  it('skips only rules needing a line or tier the basket lacks; any-of and not never skip', () => {
    const compiled = compileProgram(
      program([
        coffee, // r0: needs coffee
        { type: 'all', conditions: [{ type: 'basket-total', minCents: 100 }, coffee] }, // r1: needs coffee
        { type: 'any', conditions: [coffee, { type: 'basket-total', minCents: 100 }] }, // r2: need not
        { type: 'not', condition: coffee }, // r3: passes without coffee
        { type: 'member-tier', tiers: ['Silver'] }, // r4: needs Silver
        { type: 'lines', match: { excludeSkus: ['x'] } }, // r5: excludes file nothing
        { type: 'all', conditions: [coffee, { type: 'member-tier', tiers: ['Silver'] }] }, // r6: both
      ]),
    );
    const ids = (basket: Basket, member: Member | null) =>
      candidateRules(compiled.index, buildFacts(basket, member, ctx)).map((i) => compiled.rules[i]?.rule.id);
    const bread: Basket = { id: 'b', currency: 'EUR', lines: [line('s1', 'bread')] };
    expect(ids(bread, gold)).toEqual(['r2', 'r3', 'r5']);
    const withCoffee: Basket = {
      id: 'b',
      currency: 'EUR',
      lines: [line('s1', 'bread'), line('s2', 'coffee')],
    };
    expect(ids(withCoffee, gold)).toEqual(['r0', 'r1', 'r2', 'r3', 'r5']);
    expect(ids(withCoffee, { ...gold, tier: 'Silver' })).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect(ids(withCoffee, null)).toEqual(['r0', 'r1', 'r2', 'r3', 'r5']);
  });

  it('still hints "buy 1 more" when one of two coffees is in the basket', () => {
    const compiled = compileProgram(program([coffee]));
    const basket: Basket = { id: 'b', currency: 'EUR', lines: [line('s2', 'coffee')] };
    const r = evaluate([compiled], basket, gold, ctx);
    expect(r.nearMisses.map((n) => [n.ruleId, n.kind, n.amount])).toEqual([['r0', 'items', 1]]);
    expect(evaluate([compiled], { ...basket, lines: [line('s1', 'bread')] }, gold, ctx).nearMisses).toEqual(
      [],
    );
  });
});
