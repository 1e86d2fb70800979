import { describe, expect, it } from 'vitest';
import { issueCouponCode, serialText, VOUCHER_CAMPAIGN } from '../../../../core/loyalty/code-issue';
import { classifyScan, DEMO_SCAN_CONFIG } from '../../../../core/scan';

const coupon = DEMO_SCAN_CONFIG.signedCodes.find((f) => f.id === 'kassa-coupon');
const gift = DEMO_SCAN_CONFIG.signedCodes.find((f) => f.id === 'kassa-gift-card');
if (!coupon || !gift) throw new Error('demo formats missing');

describe('voucher codes a till issues', () => {
  it('writes a serial in Crockford base32, most significant first, and refuses one that does not fit', () => {
    expect(serialText(0, 6)).toBe('000000');
    expect(serialText(33, 6)).toBe('000011');
    expect(serialText(32 ** 6 - 1, 6)).toBe('ZZZZZZ');
    expect(serialText(32 ** 6, 6)).toBeUndefined();
    expect(serialText(-1, 6)).toBeUndefined();
  });

  it('issues a code every till of the store verifies as a coupon of the voucher campaign with that serial', () => {
    const issued = issueCouponCode(coupon, VOUCHER_CAMPAIGN, 1234);
    expect(issued.ok).toBe(true);
    if (!issued.ok) return;
    expect(issued.value).toMatch(/^KCVCHR00016J[0-9A-HJKMNP-TV-Z]{8}$/);
    const scanned = classifyScan({ text: issued.value }, DEMO_SCAN_CONFIG, { nowMs: 0 });
    expect(scanned.ok && scanned.value.kind === 'coupon' && scanned.value.fields).toEqual({
      campaign: 'VCHR',
      serial: '00016J',
    });
  });

  it('refuses a format without campaign and serial, and a campaign of the wrong length', () => {
    expect(issueCouponCode(gift, VOUCHER_CAMPAIGN, 1).ok).toBe(false);
    // Crockford base32 has no U: 'VOUC' is not a campaign a coupon can carry.
    expect(issueCouponCode(coupon, 'VOUC', 1).ok).toBe(false);
    const r = issueCouponCode(coupon, 'VOUCHER', 1);
    expect(r.ok ? null : r.reason).toBe('campaign');
  });
});
