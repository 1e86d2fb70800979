import type { AppliedEffect } from './effects/types';

/**
 * A ledger row implied by an effect. The sale event carries these, so loyalty travels inside the
 * sale; the server folds them as they are. `amount` is in `unit` (points currency, stamps, cents…).
 */
export interface LedgerEntry {
  readonly id: string;
  readonly memberId: string | null;
  /** 'points', 'stamps:<card>', 'rewards:<id>', 'coupons:<template>', 'challenge:<id>', 'badges:<id>', 'donation:<cause>' */
  readonly account: string;
  readonly unit: string;
  readonly amount: number;
  readonly programId: string;
  readonly programVersion: number;
  readonly ruleId: string;
  readonly text: string;
}

/**
 * The entries every applied effect implies, in effect order. Each id derives from the transaction,
 * the program version, the rule, the effect and the entry's role (`suffix`), so re-evaluating the
 * same sale yields the same ids.
 */
export function ledgerFor(
  effects: readonly AppliedEffect[],
  memberId: string | null,
  transactionId: string,
  newId: ((key: string) => string) | undefined,
): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  const add = (
    e: AppliedEffect,
    suffix: string,
    account: string,
    unit: string,
    amount: number,
    id?: string,
  ) => {
    // The key is built in one go: the ledger is most of what evaluate allocates.
    const key = `${transactionId}/${e.programId}@${e.programVersion}/${e.ruleId}/${e.effectIndex}/${suffix}`;
    out.push({
      id: id ?? (newId ? newId(key) : key),
      memberId,
      account,
      unit,
      amount,
      programId: e.programId,
      programVersion: e.programVersion,
      ruleId: e.ruleId,
      text: e.text,
    });
  };
  for (const e of effects) {
    switch (e.kind) {
      case 'points':
        add(e, 'points', 'points', e.currency, e.points);
        break;
      case 'discount':
        break; // a discount is part of the sale's lines, not of an account
      case 'coupon':
        add(e, 'coupon', `coupons:${e.coupon}`, 'coupons', 1, e.couponId);
        break;
      case 'stamps':
        add(e, 'stamps', `stamps:${e.card}`, 'stamps', e.added);
        if (e.completed > 0) {
          add(e, 'stamps-cashed', `stamps:${e.card}`, 'stamps', -e.completed * e.required);
          // this-visit: the reward is the discount on the sale's lines, not an account row.
          if (e.payout === 'unlock') add(e, 'reward', `rewards:${e.rewardId}`, 'rewards', e.completed);
          if (e.payout === 'coupon') {
            e.couponIds.forEach((couponId, k) =>
              add(e, `coupon-${k}`, `coupons:${e.rewardId}`, 'coupons', 1, couponId),
            );
          }
        }
        break;
      case 'challenge':
        add(e, 'progress', `challenge:${e.challenge}`, 'progress', e.progress);
        if (e.completed) add(e, 'badge', `badges:${e.challenge}`, 'badges', 1);
        break;
      case 'donation':
        if (e.cents > 0) add(e, 'donation-cents', `donation:${e.cause}`, 'cents', e.cents);
        if (e.items > 0) add(e, 'donation-items', `donation:${e.cause}`, 'items', e.items);
        if (e.points > 0) {
          add(e, 'points-given', 'points', e.currency, -e.points);
          add(e, 'donation-points', `donation:${e.cause}`, e.currency, e.points);
        }
        break;
      case 'reward':
        add(e, 'reward', `rewards:${e.rewardId}`, 'rewards', 1);
        break;
    }
  }
  return out;
}
