import type { CouponUse } from '../journal';
import type { CouponVerdict, ScannedCoupon } from './coupon-check';
import { spreadCents, type RedeemLine } from './redemption';
import { voucherValueOf } from './voucher-code';

/**
 * Redeeming vouchers at the till (issue 9 "a voucher for later"), pure. A voucher is a signed
 * coupon code whose campaign carries its value (voucher-code.ts); it needs no program rule. Each
 * takes a fixed amount off what is left to pay on the lines after the programs' discounts and the
 * rewards, spread over the lines like a reward's amount (redemption.ts spreadCents), never below
 * 0: a voucher worth more than what is left gives what is left, and the rest is not kept.
 *
 * It is recorded as a coupon use with no rules, so the server's coupon-uses projection takes the
 * first sale that uses the code and raises `coupon-reused` for a second, at any till.
 */

/** Whether a scanned coupon is a voucher (its campaign carries a value). */
export const isVoucher = (c: Pick<ScannedCoupon, 'campaign'>): boolean => voucherValueOf(c.campaign) !== null;

export interface VoucherRedemption {
  verdicts: CouponVerdict[];
  /** Cents off per line id, all the vouchers together. */
  byLine: Record<string, number>;
}

/** The vouchers applied in the order scanned, each against what the ones before left. */
export function redeemVouchers(
  vouchers: readonly ScannedCoupon[],
  lines: readonly RedeemLine[],
): VoucherRedemption {
  const byLine: Record<string, number> = {};
  const verdicts = vouchers.map((v): CouponVerdict => {
    const valueCents = voucherValueOf(v.campaign) ?? 0;
    const left = lines.map((l) => ({ ...l, dueCents: Math.max(0, l.dueCents - (byLine[l.lineId] ?? 0)) }));
    const off = spreadCents(valueCents, left);
    const discountCents = Object.values(off).reduce((n, c) => n + c, 0);
    // Nothing left to pay: the voucher is not used up on a sale it takes nothing off.
    if (discountCents === 0) return { code: v.code, applied: false, reason: 'nothing-to-pay' };
    for (const [lineId, c] of Object.entries(off)) byLine[lineId] = (byLine[lineId] ?? 0) + c;
    const use: CouponUse = {
      code: v.code,
      formatId: v.formatId,
      campaign: v.campaign,
      discountCents,
      rules: [],
    };
    return { code: v.code, applied: true, use };
  });
  return { verdicts, byLine };
}

/**
 * Whether a voucher is past its last day. Only the till that issued it knows `validUntil` (its
 * journal's issuedCodes); the code does not carry it, so another till offline passes undefined
 * and the voucher is accepted there (a deliberate choice: the shopper holds a genuine, signed
 * voucher, and the server still catches a second use).
 */
export function voucherExpired(validUntil: number | undefined, at: number): boolean {
  return validUntil !== undefined && at > validUntil;
}
