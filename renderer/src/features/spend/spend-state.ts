import type { LoyaltyEntry, Redemption, Tender } from '../../../../core/journal';
import type { ScannedCoupon } from '../../../../core/loyalty/coupon-check';
import {
  rewardLedgerRows,
  rewardLineDiscounts,
  type AppliedReward,
  type RedeemLine,
} from '../../../../core/loyalty/redemption';
import type { Reward } from '../../../../core/loyalty/reward';
import { SPEND_PROGRAM_ID, SPEND_PROGRAM_VERSION, spendEntryId } from '../../../../core/loyalty/spend-ids';

/**
 * What the open basket spends (issue 9), pure: rewards applied, coupons scanned, the points
 * tender, gift-card tenders, and the manager overrides that allowed any of them. Kept apart from
 * the basket so "remove" is dropping an entry (nothing else changed), and a void or park is
 * `reset`. Every figure the sale needs is derived from it at the moment it is asked for, against
 * the lines as they are then, so a line removed after a reward was applied never leaves a discount
 * on nothing.
 */
export interface HeldRedemption {
  reward: Reward;
  applied: AppliedReward;
  /** The manager override that allowed it above the offline cap. */
  overrideId?: string;
}

export interface PointsTender {
  points: number;
  amountCents: number;
  overrideId?: string;
}

export interface GiftCardTender {
  code: string;
  amountCents: number;
  overrideId?: string;
}

export interface SpendState {
  redemptions: readonly HeldRedemption[];
  coupons: readonly ScannedCoupon[];
  points: PointsTender | null;
  giftCards: readonly GiftCardTender[];
}

export const EMPTY_SPEND: SpendState = { redemptions: [], coupons: [], points: null, giftCards: [] };

export type SpendAction =
  | { type: 'redeem'; held: HeldRedemption }
  | { type: 'unredeem'; redemptionId: string }
  | { type: 'coupon'; coupon: ScannedCoupon }
  | { type: 'uncoupon'; code: string }
  | { type: 'points'; tender: PointsTender | null }
  | { type: 'gift-card'; tender: GiftCardTender }
  | { type: 'ungift-card'; code: string }
  /** Void, park or a completed sale: everything the basket held is released. */
  | { type: 'reset' }
  /** The member changed: their rewards and points tender go, coupons and gift cards stay. */
  | { type: 'release-member' }
  /** The open basket came back after a reload or a recall. */
  | { type: 'restore'; state: SpendState };

export function spendReducer(state: SpendState, action: SpendAction): SpendState {
  switch (action.type) {
    case 'redeem':
      return { ...state, redemptions: [...state.redemptions, action.held] };
    case 'unredeem':
      return {
        ...state,
        redemptions: state.redemptions.filter(
          (r) => r.applied.redemption.redemptionId !== action.redemptionId,
        ),
      };
    case 'coupon':
      return state.coupons.some((c) => c.code === action.coupon.code)
        ? state
        : { ...state, coupons: [...state.coupons, action.coupon] };
    case 'uncoupon':
      return { ...state, coupons: state.coupons.filter((c) => c.code !== action.code) };
    case 'points':
      return { ...state, points: action.tender && action.tender.points > 0 ? action.tender : null };
    case 'gift-card':
      return {
        ...state,
        giftCards: [...state.giftCards.filter((g) => g.code !== action.tender.code), action.tender],
      };
    case 'ungift-card':
      return { ...state, giftCards: state.giftCards.filter((g) => g.code !== action.code) };
    case 'reset':
      return EMPTY_SPEND;
    case 'release-member':
      return state.redemptions.length === 0 && !state.points
        ? state
        : { ...state, redemptions: [], points: null };
    case 'restore':
      return action.state;
  }
}

/** Points the open basket holds back (rewards in 'points', the points tender): not redeemable again. */
export function reservedPoints(state: SpendState): number {
  const rewards = state.redemptions.reduce(
    (n, r) => n + (r.applied.redemption.currency === 'points' ? r.applied.redemption.points : 0),
    0,
  );
  return rewards + (state.points?.points ?? 0);
}

/** Each redemption's cents off each line, in the order applied, against what is left after the ones before. */
export function redemptionDiscounts(
  state: SpendState,
  lines: readonly RedeemLine[],
): { byRedemption: Record<string, Record<string, number>>; byLine: Record<string, number> } {
  const byLine: Record<string, number> = {};
  const byRedemption: Record<string, Record<string, number>> = {};
  for (const r of state.redemptions) {
    const left = lines.map((l) => ({ ...l, dueCents: Math.max(0, l.dueCents - (byLine[l.lineId] ?? 0)) }));
    const off = rewardLineDiscounts(r.reward, left);
    byRedemption[r.applied.redemption.redemptionId] = off;
    for (const [lineId, c] of Object.entries(off)) byLine[lineId] = (byLine[lineId] ?? 0) + c;
  }
  return { byRedemption, byLine };
}

/** The redemptions as the sale records them, with what each takes off the lines now. */
export function saleRedemptions(state: SpendState, lines: readonly RedeemLine[]): Redemption[] {
  const { byRedemption } = redemptionDiscounts(state, lines);
  return state.redemptions.map((r) => {
    const off = byRedemption[r.applied.redemption.redemptionId] ?? {};
    return { ...r.applied.redemption, discountCents: Object.values(off).reduce((n, c) => n + c, 0) };
  });
}

/** The negative ledger rows the sale carries for what it spends (ids from the sale's own id). */
export function spendLedgerRows(state: SpendState, saleId: string): LoyaltyEntry[] {
  const rows = state.redemptions.flatMap((r) =>
    rewardLedgerRows(r.reward, saleId, r.applied.redemption.redemptionId),
  );
  if (state.points) {
    rows.push({
      id: spendEntryId(saleId, 'tender', 'points'),
      account: 'points',
      unit: 'points',
      amount: -state.points.points,
      programId: SPEND_PROGRAM_ID,
      programVersion: SPEND_PROGRAM_VERSION,
      ruleId: 'points-tender',
      text: 'Paid with points',
    });
  }
  return rows;
}

/** The tenders paid before the rest (cash or card): points first, then the gift cards. */
export function spendTenders(state: SpendState): Tender[] {
  const out: Tender[] = [];
  if (state.points) {
    out.push({ method: 'points', amountCents: state.points.amountCents, points: state.points.points });
  }
  for (const g of state.giftCards)
    out.push({ method: 'gift-card', amountCents: g.amountCents, code: g.code });
  return out;
}

/** What the points and gift cards pay together. */
export function spendTenderedCents(state: SpendState): number {
  return spendTenders(state).reduce((n, t) => n + t.amountCents, 0);
}

/** The overrides the sale names: those of everything it still holds. */
export function spendOverrides(state: SpendState): string[] {
  const ids = [
    ...state.redemptions.map((r) => r.overrideId),
    state.points?.overrideId,
    ...state.giftCards.map((g) => g.overrideId),
  ];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}
