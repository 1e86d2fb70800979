import type { Facts } from '../facts';
import type { LoyaltyMessage, MessageMoney } from '../messages';
import type { Program, Rule } from '../schema/program';

interface AppliedBase {
  readonly programId: string;
  readonly programVersion: number;
  readonly ruleId: string;
  readonly ruleName: string;
  /** Position of the effect in the rule's `then`. */
  readonly effectIndex: number;
  /** What the cashier reads aloud: "2× points (+45) — Weekend double points". */
  readonly text: string;
  /** The same as a code and parameters, for a till that speaks another language. */
  readonly message: LoyaltyMessage;
}

export type AppliedEffect = AppliedBase &
  (
    | { readonly kind: 'points'; readonly currency: string; readonly points: number; readonly base: boolean }
    | {
        readonly kind: 'discount';
        readonly discountCents: number;
        readonly lines: readonly { readonly lineId: string; readonly discountCents: number }[];
      }
    | {
        readonly kind: 'coupon';
        readonly couponId: string;
        readonly coupon: string;
        readonly name: string;
        /** Last store-local day it can be used. */
        readonly validUntil: string;
      }
    | {
        readonly kind: 'stamps';
        readonly card: string;
        readonly added: number;
        /** Stamps on the card after this purchase (after any completed card is cashed in). */
        readonly onCard: number;
        readonly required: number;
        readonly completed: number;
        /** The reward id, or the coupon template for `payout: 'coupon'`. */
        readonly rewardId: string;
        readonly rewardName: string;
        /**
         * How a completed card pays out: 'unlock' (a reward for the next visit), 'coupon' (a
         * coupon for the next visit) or 'this-visit' (the cheapest qualifying items of this basket free).
         */
        readonly payout: 'unlock' | 'coupon' | 'this-visit';
        /** this-visit: what the free items took off their lines (0 otherwise). */
        readonly discountCents: number;
        readonly lines: readonly { readonly lineId: string; readonly discountCents: number }[];
        /** coupon: one coupon id per completed card, usable through `validUntil` (store-local day). */
        readonly couponIds: readonly string[];
        readonly validUntil?: string;
      }
    | {
        readonly kind: 'challenge';
        readonly challenge: string;
        readonly badge: string;
        readonly progress: number;
        readonly total: number;
        readonly target: number;
        readonly completed: boolean;
      }
    | {
        readonly kind: 'donation';
        readonly cause: string;
        readonly cents: number;
        /** Points given, in `currency` (the program's points currency). */
        readonly points: number;
        readonly currency: string;
        readonly items: number;
      }
    | { readonly kind: 'reward'; readonly rewardId: string; readonly name: string }
  );

/** Where an effect comes from; built once per rule effect at compile time and copied into each result. */
export type EffectOrigin = Omit<AppliedBase, 'text' | 'message'>;

/** The rule an effect runs for, with the per-transaction cap on repetitions. */
export interface RuleRun {
  readonly program: Program;
  readonly rule: Rule;
  readonly maxTimes: number;
  readonly pointsCurrency: string;
}

/** Mutable scratch of one evaluation: what each line has been discounted so far, base points per currency. */
export interface EvalState {
  readonly facts: Facts;
  readonly discounts: number[];
  readonly basePoints: Map<string, number>;
  /**
   * Per line, its share of the basket's pointsPaidCents: spread over what the lines cost after
   * every discount, so filled in once the discount phase is over (pointsPaidShares); null until then.
   */
  pointsPaid: number[] | null;
  readonly entryId: (key: string) => string;
  readonly money: (cents: number) => string;
}

export type ApplyEffect = (run: RuleRun, state: EvalState, origin: EffectOrigin) => AppliedEffect | null;

/** Discounts first (against what is left of each line), then base points on what is paid, then the rest. */
export type Phase = 0 | 1 | 2 | 3;

export interface CompiledEffect {
  readonly phase: Phase;
  readonly apply: ApplyEffect;
}

/** An amount in the basket's currency, as a message parameter. */
export const moneyOf = (state: EvalState, cents: number): MessageMoney => ({
  cents,
  currency: state.facts.basket.currency,
});

export const remaining = (state: EvalState, i: number): number =>
  (state.facts.lines[i]?.amountCents ?? 0) - (state.discounts[i] ?? 0);
