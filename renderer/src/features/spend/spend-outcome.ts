import { couponVerdicts, type CouponVerdict } from '../../../../core/loyalty/coupon-check';
import type { RedeemLine } from '../../../../core/loyalty/redemption';
import { isVoucher, redeemVouchers } from '../../../../core/loyalty/voucher-redeem';
import type { CompiledProgram, Evaluation } from '../../../../core/rules';
import type { BasketLine } from '../checkout/basket';
import type { SaleSpend } from '../checkout/build-sale-event';
import type { SaleLoyaltyOutcome } from '../checkout/useCheckout';
import type { Identification } from '../members/identify';
import { outcomeOf } from '../members/useLoyalty';
import {
  redemptionDiscounts,
  saleRedemptions,
  spendLedgerRows,
  spendOverrides,
  type SpendState,
} from './spend-state';

/**
 * The open sale with what it spends, pure: the engine's evaluation (run with the coupons and the
 * points tender), then the rewards on what the programs left to pay. The live panel and "complete
 * sale" use the same function, so the total shown is the total written.
 */

/** The basket lines as rewards see them: what is left to pay on each after the programs' discounts. */
export function redeemLinesOf(lines: readonly BasketLine[], evaluation: Evaluation): RedeemLine[] {
  const net = new Map(evaluation.lines.map((l) => [l.lineId, l.netCents]));
  return lines.map((l) => ({
    lineId: l.lineId,
    sku: l.productId,
    quantity: l.quantity,
    unitPriceCents: l.unitPriceCents,
    dueCents: Math.max(0, net.get(l.lineId) ?? l.amountCents),
  }));
}

export interface SpendView {
  /** Program and reward discounts per line. */
  lineDiscounts: Record<string, number>;
  /** What the rewards take off (beside the programs' discounts). */
  rewardCents: number;
  /** What the vouchers scanned take off, after the rewards (core/loyalty/voucher-redeem.ts). */
  voucherCents: number;
  /** The goods after every discount. */
  totalCents: number;
  /** What the tender takes: the goods after every discount plus the donations (a round-up). */
  toPayCents: number;
  coupons: CouponVerdict[];
  /** What each redemption takes off now, by redemption id. */
  rewardOff: Record<string, number>;
}

export function spendView(
  state: SpendState,
  lines: readonly BasketLine[],
  evaluation: Evaluation,
  programs: readonly CompiledProgram[],
  memberAttached: boolean,
): SpendView {
  const dues = redeemLinesOf(lines, evaluation);
  const { byLine, byRedemption } = redemptionDiscounts(state, dues);
  const lineDiscounts: Record<string, number> = {};
  for (const l of evaluation.lines) if (l.discountCents > 0) lineDiscounts[l.lineId] = l.discountCents;
  let rewardCents = 0;
  for (const [lineId, c] of Object.entries(byLine)) {
    lineDiscounts[lineId] = (lineDiscounts[lineId] ?? 0) + c;
    rewardCents += c;
  }
  const rewardOff: Record<string, number> = {};
  for (const [id, off] of Object.entries(byRedemption)) {
    rewardOff[id] = Object.values(off).reduce((n, c) => n + c, 0);
  }
  // Vouchers come last: a fixed amount off what the programs and the rewards left on each line.
  const left = dues.map((l) => ({ ...l, dueCents: Math.max(0, l.dueCents - (byLine[l.lineId] ?? 0)) }));
  const vouchers = redeemVouchers(state.coupons.filter(isVoucher), left);
  let voucherCents = 0;
  for (const [lineId, c] of Object.entries(vouchers.byLine)) {
    lineDiscounts[lineId] = (lineDiscounts[lineId] ?? 0) + c;
    voucherCents += c;
  }
  const ruled = couponVerdicts(
    state.coupons.filter((c) => !isVoucher(c)),
    programs,
    evaluation,
    memberAttached,
  );
  const verdict = new Map([...ruled, ...vouchers.verdicts].map((v) => [v.code, v]));
  return {
    lineDiscounts,
    rewardCents,
    voucherCents,
    totalCents: evaluation.totals.netCents - rewardCents - voucherCents,
    toPayCents: evaluation.totals.toPayCents - rewardCents - voucherCents,
    coupons: state.coupons.flatMap((c) => verdict.get(c.code) ?? []),
    rewardOff,
  };
}

/** What "complete sale" writes: the loyalty block with the spend rows, the discounts, the spend records. */
export function spendOutcome(q: {
  state: SpendState;
  lines: readonly BasketLine[];
  evaluation: Evaluation;
  identification: Identification | null;
  programs: readonly CompiledProgram[];
  saleId: string;
}): SaleLoyaltyOutcome {
  const { state, evaluation, identification, saleId } = q;
  const base = outcomeOf(evaluation, identification);
  const view = spendView(state, q.lines, evaluation, q.programs, identification !== null);
  const rows = spendLedgerRows(state, saleId);
  const loyalty =
    rows.length === 0
      ? base.loyalty
      : {
          ...(base.loyalty ?? {
            memberId: identification?.kind === 'member' ? identification.memberId : null,
            provisionalCard: null,
            programs: [],
            ledger: [],
          }),
          ledger: [...(base.loyalty?.ledger ?? []), ...rows],
        };
  const spend: SaleSpend = {
    redemptions: saleRedemptions(state, redeemLinesOf(q.lines, evaluation)),
    coupons: view.coupons.flatMap((v) => (v.applied ? [v.use] : [])),
    issuedCodes: state.redemptions.flatMap((r) => (r.applied.issuedCode ? [r.applied.issuedCode] : [])),
    overrides: spendOverrides(state),
  };
  return {
    ...base,
    loyalty,
    lineDiscounts: view.lineDiscounts,
    totalCents: view.totalCents,
    toPayCents: view.toPayCents,
    spend,
  };
}
