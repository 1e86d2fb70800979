import { isVoucher, voucherExpired } from '../../../../core/loyalty/voucher-redeem';
import { message, type Translatable } from '../../i18n/translatable';
import type { CodeScan } from '../checkout/useCheckout';
import type { SpendState } from './spend-state';
import { vouchersIssuedIn } from './used-codes';

/**
 * Why a scanned voucher cannot go on the open sale, or null (pure; the "used here" and "already on
 * this sale" checks are the coupons' own, in useSpend). Expiry: only this till's journal knows a
 * voucher's last moment, so a voucher another till issued is accepted here, offline, whatever its
 * date: the code is signed and carries no date; the server still takes only its first use.
 */
export function voucherScanRefusal(q: {
  scan: Extract<CodeScan, { type: 'coupon' }>;
  state: SpendState;
  /** This till's journal sales. */
  journal: Iterable<unknown>;
  at: number;
  formatDate(ms: number): string;
}): Translatable | null {
  const { scan } = q;
  if (!isVoucher(scan)) return null;
  // The voucher this very sale issues is for a later visit.
  if (q.state.redemptions.some((r) => r.applied.issuedCode?.code === scan.code)) {
    return message('spend.voucher.thisSale', { code: scan.code });
  }
  const validUntil = vouchersIssuedIn(q.journal).get(scan.code);
  if (voucherExpired(validUntil, q.at) && validUntil !== undefined) {
    return message('spend.voucher.expired', { code: scan.code, date: q.formatDate(validUntil) });
  }
  return null;
}
