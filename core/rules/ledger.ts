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

type Row = Omit<LedgerEntry, 'id' | 'memberId' | 'programId' | 'programVersion' | 'ruleId' | 'text'> & {
  readonly suffix: string;
  readonly id?: string;
};

function rowsOf(e: AppliedEffect): Row[] {
  switch (e.kind) {
    case 'points':
      return [{ suffix: 'points', account: 'points', unit: e.currency, amount: e.points }];
    case 'discount':
      return []; // a discount is part of the sale's lines, not of an account
    case 'coupon':
      return [
        { suffix: 'coupon', id: e.couponId, account: `coupons:${e.coupon}`, unit: 'coupons', amount: 1 },
      ];
    case 'stamps': {
      const rows: Row[] = [
        { suffix: 'stamps', account: `stamps:${e.card}`, unit: 'stamps', amount: e.added },
      ];
      if (e.completed > 0) {
        rows.push({
          suffix: 'stamps-cashed',
          account: `stamps:${e.card}`,
          unit: 'stamps',
          amount: -e.completed * e.required,
        });
        rows.push({
          suffix: 'reward',
          account: `rewards:${e.rewardId}`,
          unit: 'rewards',
          amount: e.completed,
        });
      }
      return rows;
    }
    case 'challenge': {
      const rows: Row[] = [
        { suffix: 'progress', account: `challenge:${e.challenge}`, unit: 'progress', amount: e.progress },
      ];
      if (e.completed)
        rows.push({ suffix: 'badge', account: `badges:${e.challenge}`, unit: 'badges', amount: 1 });
      return rows;
    }
    case 'donation': {
      const rows: Row[] = [];
      if (e.cents > 0)
        rows.push({
          suffix: 'donation-cents',
          account: `donation:${e.cause}`,
          unit: 'cents',
          amount: e.cents,
        });
      if (e.items > 0)
        rows.push({
          suffix: 'donation-items',
          account: `donation:${e.cause}`,
          unit: 'items',
          amount: e.items,
        });
      if (e.points > 0) {
        rows.push({ suffix: 'points-given', account: 'points', unit: e.currency, amount: -e.points });
        rows.push({
          suffix: 'donation-points',
          account: `donation:${e.cause}`,
          unit: e.currency,
          amount: e.points,
        });
      }
      return rows;
    }
    case 'reward':
      return [{ suffix: 'reward', account: `rewards:${e.rewardId}`, unit: 'rewards', amount: 1 }];
  }
}

export function ledgerFor(
  effects: readonly AppliedEffect[],
  memberId: string | null,
  entryId: (key: string) => string,
): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  for (const e of effects) {
    for (const row of rowsOf(e)) {
      const key = `${e.programId}@${e.programVersion}/${e.ruleId}/${e.effectIndex}/${row.suffix}`;
      out.push({
        id: row.id ?? entryId(key),
        memberId,
        account: row.account,
        unit: row.unit,
        amount: row.amount,
        programId: e.programId,
        programVersion: e.programVersion,
        ruleId: e.ruleId,
        text: e.text,
      });
    }
  }
  return out;
}
