/**
 * What the engine evaluates: a basket, a member (or nobody) and the moment/place of the sale.
 * The checkout maps its sale lines to `BasketLine`; the server maps its accounts to `Member`.
 * All money is integer cents; all moments are epoch milliseconds (UTC).
 */

export interface BasketLine {
  readonly lineId: string;
  readonly sku: string;
  readonly category: string;
  readonly brand: string;
  readonly tags: readonly string[];
  /** Units (1 for a weighed line). */
  readonly quantity: number;
  readonly unitPriceCents: number;
  /** What the line costs before loyalty discounts. */
  readonly amountCents: number;
}

export interface Basket {
  readonly id: string;
  readonly currency: string;
  readonly lines: readonly BasketLine[];
  /** Coupon codes the cashier scanned (already checked for a valid signature by the till). */
  readonly coupons?: readonly string[];
  /** Choices the customer made at the till, e.g. 'round-up' to donate the change. */
  readonly flags?: readonly string[];
  /**
   * The part of the basket paid with points (a points tender), in cents. Points per amount are
   * not earned on it unless the program's redemption says `earnOnPointsPaid` (no points on points).
   */
  readonly pointsPaidCents?: number;
}

export interface RuleCounter {
  /** Transactions in which the rule applied, ever. */
  readonly lifetime: number;
  /** Transactions in which the rule applied, by store-local date YYYY-MM-DD. */
  readonly byDay?: Readonly<Record<string, number>>;
}

export interface Visit {
  readonly at: number;
  readonly spendCents: number;
}

export interface Member {
  readonly id: string;
  readonly tier?: string;
  readonly segments: readonly string[];
  /** YYYY-MM-DD or MM-DD. */
  readonly birthday?: string;
  readonly enrolledAt: number;
  readonly optedIn: boolean;
  /** Completed purchases before this one. */
  readonly purchaseCount: number;
  /** Recent visits (enough for the longest visit/spend window in use). */
  readonly visits: readonly Visit[];
  /** Rule usage keyed by `${programId}/${ruleId}` — see `counterKey`. */
  readonly counters: Readonly<Record<string, RuleCounter>>;
  /** Stamps held per stamp card id. */
  readonly stamps?: Readonly<Record<string, number>>;
  /** Progress per challenge id. */
  readonly challenges?: Readonly<Record<string, number>>;
}

export const EVENT_TYPES = [
  'purchase',
  'review',
  'referral',
  'survey',
  'event-attendance',
  'social-share',
  'newsletter-signup',
  /** The server's, on a referred member's first purchase (sync-server domain/referrals). */
  'referee-first-purchase',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const CHANNELS = ['store', 'online', 'app'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface EvalContext {
  /** The moment of the sale or event, epoch ms. Never read from a clock inside core. */
  readonly at: number;
  readonly storeId: string;
  readonly region?: string;
  readonly channel: Channel;
  /** IANA zone of the store, e.g. Europe/Amsterdam: days, hours and dates are store-local. */
  readonly timeZone: string;
  /** Identifies the transaction; ledger entry ids derive from it unless `newId` is given. */
  readonly transactionId: string;
  /** Non-purchase events (review, referral…) come through the same engine; default purchase. */
  readonly event?: { readonly type: EventType; readonly ref?: string };
  /** Id factory for ledger entries; it receives a deterministic key so evaluate stays pure. */
  readonly newId?: (key: string) => string;
  /** Locale for the cashier's trace text (default en-IE). */
  readonly locale?: string;
}

export const counterKey = (programId: string, ruleId: string): string => `${programId}/${ruleId}`;
