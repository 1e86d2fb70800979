/**
 * Trace lines and near-miss hints as data: a stable code and typed parameters, beside the English
 * `text`. A till formats them in its own language (renderer/src/i18n/text/loyalty.ts); the CLI,
 * the server and the journal keep the English text. Codes are stable: a till that does not know
 * a code shows the text. Names (rules, rewards, causes, badges, tiers) are HQ's, as written;
 * `unit` is the program's points currency id ('points', 'stars'…).
 */

/** An amount of money: integer minor units (cents) and its ISO 4217 currency. */
export interface MessageMoney {
  readonly cents: number;
  readonly currency: string;
}

interface Rule {
  /** The rule's name, as HQ wrote it. */
  readonly rule: string;
}
interface Points {
  readonly points: number;
  readonly unit: string;
}
interface Discount extends Rule {
  /** What came off the lines. */
  readonly amount: MessageMoney;
}
interface StampCard extends Rule {
  readonly reward: string;
  /** Cards completed in this purchase (≥ 1). */
  readonly times: number;
  /** Stamps on the new card, of `required`. */
  readonly onCard: number;
  readonly required: number;
}
interface Hint {
  /** Spend this much more… */
  readonly amount: MessageMoney;
}
interface ItemsHint {
  /** …or add this many more items. */
  readonly items: number;
}

/** What comes after "Spend €x more for…" / "Add n more items for…". */
interface HintRewards {
  points: Points & Rule;
  percent: { readonly percent: number } & Rule;
  'amount-off': { readonly off: MessageMoney } & Rule;
  /** A coupon or a reward, named by HQ (its name differs from the rule's). */
  reward: { readonly reward: string } & Rule;
  /** The rule's name says it all. */
  rule: Rule;
}
type HintCodes = {
  [K in keyof HintRewards as `spend-for-${K}`]: Hint & HintRewards[K];
} & {
  [K in keyof HintRewards as `items-for-${K}`]: ItemsHint & HintRewards[K];
};

/** Every message the engine emits, by code, with its parameters. */
export interface MessageParams extends HintCodes {
  // Applied effects.
  points: Points & Rule;
  'points-per-item': Points & Rule & { readonly items: number; readonly each: number };
  /** `points` is what the multiplier added on top of base earn. */
  'points-multiplier': Points & Rule & { readonly factor: number };
  'tier-multiplier': Points & Rule & { readonly factor: number; readonly tier: string };
  /** A bonus effect the transaction's bonus cap cut to `points`; `line` is what it would have said. */
  'points-capped': { readonly line: LoyaltyMessage; readonly points: number };
  'discount-percent': Discount & { readonly percent: number };
  'discount-amount': Discount;
  'discount-fixed-price': Discount & { readonly price: MessageMoney };
  'discount-cheapest-free': Discount & { readonly every: number };
  'discount-buy-get': Discount & { readonly buy: number; readonly get: number };
  'discount-buy-get-percent': Discount & {
    readonly buy: number;
    readonly get: number;
    readonly percent: number;
  };
  'discount-bundle': Discount & { readonly price: MessageMoney };
  /** `until`: the last store-local day it can be used, YYYY-MM-DD. */
  'coupon-issued': Rule & { readonly name: string; readonly until: string };
  'stamps-added': Rule & { readonly stamps: number; readonly onCard: number; readonly required: number };
  'stamp-card-free': StampCard & { readonly amount: MessageMoney };
  'stamp-card-coupon': StampCard & { readonly until: string };
  'stamp-card-unlocked': StampCard;
  'challenge-progress': Rule & { readonly badge: string; readonly progress: number; readonly target: number };
  'badge-earned': Rule & { readonly badge: string };
  'donation-round-up': Rule & { readonly amount: MessageMoney; readonly cause: string };
  'donation-points': Points & Rule & { readonly cause: string };
  'donation-items': Rule & { readonly items: number; readonly cause: string };
  'reward-unlocked': Rule & { readonly name: string };
  // Rules that did not apply.
  outranked: Rule & { readonly winner: string };
  excluded: Rule & { readonly by: string };
  /** `times`: the limit (uses allowed), all used. */
  'limit-per-day': Rule & { readonly times: number };
  'limit-per-year': Rule & { readonly times: number };
  'limit-lifetime': Rule & { readonly times: number };
  'limit-members-only': Rule;
  /** The transaction's bonus cap: `points` bonus not awarded over `cap`; `program` declares it. */
  'bonus-capped': Points & { readonly cap: number; readonly program: string };
}

export type MessageCode = keyof MessageParams;

export type LoyaltyMessage = {
  [C in MessageCode]: { readonly code: C; readonly params: MessageParams[C] };
}[MessageCode];

export const message = <C extends MessageCode>(code: C, params: MessageParams[C]) =>
  ({ code, params }) as Extract<LoyaltyMessage, { code: C }>;

// A record, so the compiler refuses a code added to MessageParams and missing here.
const codes: Record<MessageCode, true> = {
  points: true,
  'points-per-item': true,
  'points-multiplier': true,
  'tier-multiplier': true,
  'points-capped': true,
  'discount-percent': true,
  'discount-amount': true,
  'discount-fixed-price': true,
  'discount-cheapest-free': true,
  'discount-buy-get': true,
  'discount-buy-get-percent': true,
  'discount-bundle': true,
  'coupon-issued': true,
  'stamps-added': true,
  'stamp-card-free': true,
  'stamp-card-coupon': true,
  'stamp-card-unlocked': true,
  'challenge-progress': true,
  'badge-earned': true,
  'donation-round-up': true,
  'donation-points': true,
  'donation-items': true,
  'reward-unlocked': true,
  outranked: true,
  excluded: true,
  'limit-per-day': true,
  'limit-per-year': true,
  'limit-lifetime': true,
  'limit-members-only': true,
  'bonus-capped': true,
  'spend-for-points': true,
  'spend-for-percent': true,
  'spend-for-amount-off': true,
  'spend-for-reward': true,
  'spend-for-rule': true,
  'items-for-points': true,
  'items-for-percent': true,
  'items-for-amount-off': true,
  'items-for-reward': true,
  'items-for-rule': true,
};

/** Every code the engine can emit (a till's catalogue is checked against it). */
export const MESSAGE_CODES = Object.keys(codes) as readonly MessageCode[];
