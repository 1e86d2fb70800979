import { DEMO_COUPON_KEY, DEMO_SCAN_CONFIG } from '../../../core/scan/scan-config';
import { signCode, type SignedCodeFormat } from '../../../core/scan/signed-code';

/** The campaign of the demo's coupon program (programs/demo/xmas-coupon.json: €5 off from €25). */
export const DEMO_COUPON_CAMPAIGN = 'XMAS';

function couponFormat(): SignedCodeFormat {
  const format = DEMO_SCAN_CONFIG.signedCodes.find((f) => f.id === 'kassa-coupon');
  if (!format) throw new Error('the demo scan config has no coupon format');
  return format;
}

/**
 * Printed demo coupons (the README lists them): campaign XMAS, serials 1–3, signed with the demo
 * coupon key (public in this repository, so for the demo stores only). Each can be used once in
 * the chain: the till refuses a second scan, the server raises `coupon-reused` for a second sale.
 */
export function demoCouponCodes(count = 3): string[] {
  const format = couponFormat();
  return Array.from({ length: count }, (_, i) =>
    signCode(format, DEMO_COUPON_KEY, `${DEMO_COUPON_CAMPAIGN}${String(i + 1).padStart(6, '0')}`),
  );
}
