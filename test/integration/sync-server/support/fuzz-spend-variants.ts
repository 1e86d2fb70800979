import fc from 'fast-check';
import { JOURNAL_BOUNDS as B } from '../../../../core/journal/bounds';

/*
 * What the spend fuzz varies (spend-fuzz.test.ts, built by fuzz-spend.ts): spending events of
 * issue 9 at their bounds and one past them, as parameters fast-check can shrink, and what the
 * server must do with each document (admit, or refuse with a reason and a path).
 */

export type Doc = Record<string, unknown>;
export type Expect = { fate: 'admit' } | { fate: 'refuse'; reason: string; path: string };
export const ADMIT: Expect = { fate: 'admit' };
export const refuse = (path: string): Expect => ({ fate: 'refuse', reason: 'body-invalid', path });

export interface Built {
  doc: Doc;
  expect: Expect;
  label: string;
}

/** What a run's events may name: its members, its issued cards, and codes shared between sales. */
export interface World {
  members: readonly [string, string];
  cards: readonly string[];
  coupons: readonly string[];
}

/** Exactly `len` UTF-16 units of awkward text, never splitting a surrogate pair. */
export function fit(
  len: number,
  pieces = ['🧀', '👨‍👩‍👧‍👦', 'مرحبا', '\u202E', 'é', '"', '\\', '</script>'],
): string {
  let s = '';
  for (let i = 0; s.length < len; i++) {
    const p = pieces[i % pieces.length] as string;
    if (s.length + p.length > len) break;
    s += p;
  }
  return s.padEnd(len, 'x');
}

export const ODD_CODES = ['__proto__', 'constructor', fit(B.maxCodeLength), 'WINTER-2026', 'ß'];

// ————————————————————————————————————————— variants (fast-check shrinks these)

const TENDERS = [
  'cash',
  'card',
  'negative-card',
  'points',
  'points-huge',
  'gift-a',
  'gift-b',
  'gift-unknown',
  'gift-odd-currency',
] as const;
export type TenderKind = (typeof TENDERS)[number];

const SALE_OVER = [
  'none',
  'redemptions',
  'coupons',
  'issuedCodes',
  'overrides',
  'payments',
  'ledger',
  'points',
  'cents',
  'code',
  'lines',
] as const;

export const saleArb = fc.record({
  k: fc.constant('sale' as const),
  lines: fc.constantFrom(1, 2, 2, B.maxLines),
  member: fc.constantFrom(0, 1, 'unknown', null),
  tenders: fc.array(fc.constantFrom(...TENDERS), { minLength: 1, maxLength: 6 }),
  redemptions: fc.constantFrom(0, 1, B.maxRedemptions),
  coupons: fc.constantFrom(0, 1, 50),
  sameCoupon: fc.boolean(),
  coupon: fc.nat(),
  issued: fc.constantFrom(0, B.maxCoupons),
  overrides: fc.constantFrom('none', 'max', 'batch'),
  earn: fc.constantFrom(0, 10, B.maxPoints),
  sign: fc.constantFrom(1, -1),
  over: fc.oneof({ weight: 3, arbitrary: fc.constant('none' as const) }, fc.constantFrom(...SALE_OVER)),
});
export const returnArb = fc.record({
  k: fc.constant('return' as const),
  of: fc.option(fc.nat(), { nil: undefined }), // undefined: a sale that does not exist
  quantity: fc.constantFrom(1, B.maxQuantity),
  refund: fc.constantFrom('cash', 'gift-a', 'points', 'none'),
  loyalty: fc.boolean(),
  restore: fc.constantFrom(0, 1, B.maxCoupons),
  over: fc.constantFrom('none', 'none', 'reason', 'refunds', 'restored', 'lines', 'quantity'),
});
export const transferArb = fc.record({
  k: fc.constant('transfer' as const),
  from: fc.constantFrom(0, 1, 'unknown'),
  to: fc.constantFrom(0, 1, 'unknown', 'unknown2'),
  points: fc.constantFrom(1, B.maxPoints),
  over: fc.constantFrom('none', 'none', 'self', 'points', 'receiver'),
});
export const overrideArb = fc.record({
  k: fc.constant('override' as const),
  requested: fc.constantFrom(B.maxAbsCents, -B.maxAbsCents, 0),
  over: fc.constantFrom('none', 'none', 'reason', 'empty-reason', 'requested', 'action'),
});
export const oddArb = fc.record({
  k: fc.constant('odd' as const),
  how: fc.constantFrom('sale-v6', 'return-v2', 'unknown-type', 'gift-card-issued', 'retry'),
  of: fc.nat(),
});
export const variantArb = fc.oneof(
  { weight: 6, arbitrary: saleArb },
  { weight: 3, arbitrary: returnArb },
  { weight: 2, arbitrary: transferArb },
  { weight: 2, arbitrary: overrideArb },
  { weight: 1, arbitrary: oddArb },
);
export type Variant = typeof variantArb extends fc.Arbitrary<infer V> ? V : never;
export type SaleV = typeof saleArb extends fc.Arbitrary<infer V> ? V : never;
export type ReturnV = typeof returnArb extends fc.Arbitrary<infer V> ? V : never;

export type OddDocKind = 'sale-v6' | 'return-v2' | 'unknown-type' | 'gift-card-issued';

/** An event this server does not understand yet (parked), or one only HQ may write (refused). */
export function oddDoc(how: OddDocKind, env: Doc, sale: Doc): Doc {
  return {
    'sale-v6': { ...sale, ...env, schemaVersion: 6, wallet: { kind: 'crypto' } },
    'return-v2': { ...env, type: 'return', schemaVersion: 2, original: { saleId: 'nope' } },
    'unknown-type': { ...env, type: 'layaway', schemaVersion: 1 },
    // Only HQ issues cards: a till's "issue" of a billion euros is refused, never folded.
    'gift-card-issued': {
      ...env,
      type: 'gift-card-issued',
      schemaVersion: 1,
      code: 'FREE',
      kind: 'gift-card',
      currency: 'EUR',
      amountCents: B.maxAbsCents,
      key: 'k',
    },
  }[how];
}
