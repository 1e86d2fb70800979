import type { AppliedEffect } from './effects/types';
import type { LedgerEntry } from './ledger';
import type { LoyaltyMessage } from './messages';

/** Why a rule shows in the trace (tests check each one has its messages). */
export const TRACE_OUTCOMES = ['applied', 'limit-reached', 'outranked', 'excluded', 'capped'] as const;

export interface TraceEntry {
  readonly programId: string;
  readonly ruleId: string;
  readonly outcome: (typeof TRACE_OUTCOMES)[number];
  /** A sentence the cashier can read aloud, in English. */
  readonly text: string;
  /** The same as a code and parameters, for a till that speaks another language. */
  readonly message: LoyaltyMessage;
}

export const NEAR_MISS_KINDS = ['spend', 'items'] as const;

export interface NearMiss {
  readonly programId: string;
  readonly ruleId: string;
  readonly kind: (typeof NEAR_MISS_KINDS)[number];
  /** Cents to spend, or items to add. */
  readonly amount: number;
  /** "Spend €4.50 more for 100 bonus points", in English. */
  readonly text: string;
  readonly message: LoyaltyMessage;
}

export interface LineResult {
  readonly lineId: string;
  readonly amountCents: number;
  readonly discountCents: number;
  readonly netCents: number;
}

/** A rule that applied: the server adds one to its counters (lifetime and this store-local day). */
export interface RuleUsage {
  readonly programId: string;
  readonly ruleId: string;
  readonly counterKey: string;
  readonly day: string;
}

/** A bonus cap that cut points in this transaction. */
export interface BonusCapResult {
  /** The program that declares the cap (the lowest one when several do). */
  readonly programId: string;
  readonly currency: string;
  readonly cap: number;
  /** Bonus points the rules would have given, and what the cap left out. */
  readonly bonusBefore: number;
  readonly notAwarded: number;
}

export interface Evaluation {
  readonly effects: readonly AppliedEffect[];
  readonly lines: readonly LineResult[];
  readonly totals: {
    readonly grossCents: number;
    readonly discountCents: number;
    readonly netCents: number;
    /** Round-up donations the customer adds to what they pay. */
    readonly donationCents: number;
    readonly toPayCents: number;
  };
  /** Points earned per points currency (stars, miles…), donations not deducted. */
  readonly points: Readonly<Record<string, number>>;
  readonly ledger: readonly LedgerEntry[];
  readonly trace: readonly TraceEntry[];
  readonly nearMisses: readonly NearMiss[];
  readonly usage: readonly RuleUsage[];
  /** Coupons that gave something (a coupon whose rule ended up giving nothing is not spent). */
  readonly couponsRedeemed: readonly string[];
  /** Bonus caps that cut points (empty when none did). */
  readonly bonusCaps: readonly BonusCapResult[];
  /** Program versions that contributed an effect: the sale event records them. */
  readonly programs: readonly { readonly id: string; readonly version: number }[];
}
