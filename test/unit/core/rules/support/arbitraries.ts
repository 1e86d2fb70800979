import fc from 'fast-check';
import {
  parseProgram,
  type Basket,
  type BasketLine,
  type EvalContext,
  type Member,
  type Program,
} from '../../../../../core/rules/index';

const CATEGORIES = ['coffee', 'bakery', 'apparel', 'shoes'];
const TAGS = ['pastry', 'cold', 'sale'];
const TIERS = ['Silver', 'Gold', 'Platinum'];

export const lineArb = (lineId: string): fc.Arbitrary<BasketLine> =>
  fc
    .record({
      sku: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      category: fc.constantFrom(...CATEGORIES),
      tags: fc.subarray(TAGS),
      quantity: fc.integer({ min: 1, max: 5 }),
      unitPriceCents: fc.integer({ min: 1, max: 5000 }),
    })
    .map((l) => ({ ...l, lineId, brand: 'house', amountCents: l.unitPriceCents * l.quantity }));

export const basketArb: fc.Arbitrary<Basket> = fc
  .integer({ min: 0, max: 10 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(`L${i}`))))
  .chain((lines) =>
    fc
      .record({
        coupons: fc.subarray(['NEXT5-1', 'X']),
        flags: fc.subarray(['round-up']),
        // Part paid with points (a points tender): none, some, or more than the basket costs.
        pointsPaidCents: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60_000 })),
      })
      .map((extra) => ({
        id: 'b',
        currency: 'EUR',
        lines,
        ...extra,
      })),
  );

const counterArb = fc.record({
  lifetime: fc.integer({ min: 0, max: 4 }),
  byDay: fc.dictionary(
    fc.constantFrom('2026-03-01', '2026-06-15', '2026-11-25'),
    fc.integer({ min: 0, max: 3 }),
  ),
});

export const memberArb: fc.Arbitrary<Member | null> = fc.option(
  fc.record({
    id: fc.constant('m'),
    tier: fc.constantFrom(...TIERS),
    segments: fc.subarray(['plus', 'sweat-collective']),
    birthday: fc.constantFrom('11-25', '03-29', '1990-02-29'),
    enrolledAt: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2026, 10, 1) }),
    optedIn: fc.boolean(),
    purchaseCount: fc.integer({ min: 0, max: 3 }),
    visits: fc.constant([]),
    counters: fc.dictionary(fc.constantFrom('g/r0', 'g/r1', 'g/r2', 'g/r3'), counterArb),
    stamps: fc.record({ coffee: fc.integer({ min: 0, max: 8 }) }),
  }),
  { nil: null },
);

export const ctxArb: fc.Arbitrary<EvalContext> = fc.record({
  at: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }),
  storeId: fc.constant('ams-01'),
  region: fc.constantFrom('nl-north', 'ro-south'),
  channel: fc.constantFrom('store' as const, 'app' as const),
  timeZone: fc.constantFrom('Europe/Amsterdam', 'Europe/Bucharest'),
  transactionId: fc.constant('tx'),
});

const matchArb = fc.oneof(
  fc.record({ categories: fc.subarray(CATEGORIES, { minLength: 1 }) }),
  fc.record({ tags: fc.subarray(TAGS, { minLength: 1 }) }),
);

const conditionArb = fc.oneof(
  fc.record({ type: fc.constant('basket-total'), minCents: fc.integer({ min: 0, max: 20000 }) }),
  fc.record({ type: fc.constant('lines'), match: matchArb, minQuantity: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ type: fc.constant('member-tier'), tiers: fc.subarray(TIERS, { minLength: 1 }) }),
  fc.record({
    type: fc.constant('days-of-week'),
    days: fc.subarray(['mon', 'sat', 'sun'], { minLength: 1 }),
  }),
  fc.record({
    type: fc.constant('hours'),
    from: fc.constantFrom('07:00', '22:00'),
    until: fc.constantFrom('12:00', '02:00'),
  }),
);

const effectArb = fc.oneof(
  fc.record({ type: fc.constant('percent-off'), percent: fc.integer({ min: 1, max: 100 }), on: matchArb }),
  fc.record({ type: fc.constant('amount-off'), amountCents: fc.integer({ min: 1, max: 10000 }) }),
  fc.record({
    type: fc.constant('fixed-price'),
    priceCents: fc.integer({ min: 0, max: 1000 }),
    on: matchArb,
  }),
  fc.record({ type: fc.constant('cheapest-free'), on: matchArb, every: fc.integer({ min: 2, max: 4 }) }),
  fc.record({
    type: fc.constant('buy-x-get-y'),
    on: matchArb,
    buy: fc.integer({ min: 1, max: 3 }),
    get: fc.integer({ min: 1, max: 2 }),
    percent: fc.integer({ min: 1, max: 100 }),
  }),
  fc.record({
    type: fc.constant('bundle-price'),
    items: fc.tuple(fc.record({ on: matchArb, quantity: fc.integer({ min: 1, max: 2 }) })),
    priceCents: fc.integer({ min: 0, max: 2000 }),
  }),
  fc.record({
    type: fc.constant('points-per-amount'),
    points: fc.integer({ min: 0, max: 10 }),
    perCents: fc.integer({ min: 1, max: 500 }),
    rounding: fc.constantFrom('down', 'up', 'half-away-from-zero'),
  }),
  fc.record({ type: fc.constant('points-per-item'), points: fc.integer({ min: 0, max: 10 }), on: matchArb }),
  fc.record({ type: fc.constant('points-multiplier'), factor: fc.constantFrom(1, 1.25, 2, 3) }),
  fc.record({
    type: fc.constant('round-up-donation'),
    cause: fc.constant('c'),
    toCents: fc.constantFrom(100, 500),
  }),
);

const limitsArb = fc.record(
  {
    perTransaction: fc.integer({ min: 1, max: 3 }),
    perMemberPerDay: fc.integer({ min: 1, max: 3 }),
    perMemberPerYear: fc.integer({ min: 1, max: 5 }),
    perMemberLifetime: fc.integer({ min: 1, max: 4 }),
  },
  { requiredKeys: [] },
);

/** A random but valid program: 1–4 rules with random conditions, effects, priorities, groups and limits. */
export const programArb: fc.Arbitrary<Program> = fc
  .array(
    fc.record(
      {
        when: conditionArb,
        then: fc.array(effectArb, { minLength: 1, maxLength: 2 }),
        priority: fc.integer({ min: 0, max: 3 }),
        group: fc.constantFrom('g1', 'g2'),
        limits: limitsArb,
      },
      { requiredKeys: ['then'] },
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((rules) => {
    const r = parseProgram({
      id: 'g',
      version: 1,
      name: 'Generated',
      kind: 'promotion',
      status: 'active',
      rules: rules.map((rule, i) => ({ id: `r${i}`, name: `Rule ${i}`, ...rule })),
    });
    if (!r.ok) throw new Error(r.message);
    return r.value;
  });
