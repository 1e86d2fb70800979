import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { issueVoucherCode } from '../../../../core/loyalty/code-issue';
import {
  MAX_VOUCHER_CENTS,
  VOUCHER_UNIT_CENTS,
  voucherCampaign,
  voucherValueOf,
} from '../../../../core/loyalty/voucher-code';
import { classifyScan, DEMO_SCAN_CONFIG } from '../../../../core/scan';

const coupon = DEMO_SCAN_CONFIG.signedCodes.find((f) => f.id === 'kassa-coupon');
if (!coupon) throw new Error('demo coupon format missing');

describe('a voucher carries its value in its campaign', () => {
  it('writes the value in units of 50 cents: V + 3 Crockford characters', () => {
    expect(VOUCHER_UNIT_CENTS).toBe(50);
    expect(voucherCampaign(50)).toEqual({ ok: true, value: 'V001' });
    expect(voucherCampaign(1000)).toEqual({ ok: true, value: 'V00M' }); // 20 units
    expect(voucherCampaign(250)).toEqual({ ok: true, value: 'V005' });
    expect(voucherCampaign(MAX_VOUCHER_CENTS)).toEqual({ ok: true, value: 'VZZZ' });
    expect(MAX_VOUCHER_CENTS).toBe(1_638_350);
    expect(voucherValueOf('V00M')).toBe(1000);
    expect(voucherValueOf('VZZZ')).toBe(1_638_350);
  });

  it('refuses a value it cannot carry exactly, never rounding the promised amount', () => {
    const reason = (c: number) => {
      const r = voucherCampaign(c);
      return r.ok ? null : r.reason;
    };
    expect(reason(1025)).toBe('not-a-unit');
    expect(reason(0)).toBe('too-small');
    expect(reason(49)).toBe('too-small');
    expect(reason(MAX_VOUCHER_CENTS + 50)).toBe('too-large');
    expect(reason(Number.NaN)).toBe('too-small');
    expect(reason(10.5)).toBe('too-small');
  });

  it('reads no value from a campaign that is not a voucher, nor from the old VCHR campaign', () => {
    for (const c of ['XMAS', 'VCHR', 'V000', 'VOU', 'V00U', 'W00M', 'v00m', 'V00M0']) {
      expect(voucherValueOf(c)).toBeNull();
    }
  });

  it('round trip: every value of whole units is read back exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_VOUCHER_CENTS / VOUCHER_UNIT_CENTS }), (units) => {
        const campaign = voucherCampaign(units * VOUCHER_UNIT_CENTS);
        expect(campaign.ok).toBe(true);
        if (!campaign.ok) return;
        expect(campaign.value).toMatch(/^V[0-9A-HJKMNP-TV-Z]{3}$/);
        expect(voucherValueOf(campaign.value)).toBe(units * VOUCHER_UNIT_CENTS);
      }),
    );
  });

  it('every 4-character campaign reads as at most one value, and that value writes it back', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}$/), (campaign) => {
        const value = voucherValueOf(campaign);
        if (value === null) return;
        expect(voucherCampaign(value)).toEqual({ ok: true, value: campaign });
      }),
    );
  });
});

describe('issuing a voucher code', () => {
  it('signs a coupon code any till verifies, whose campaign says the value', () => {
    const issued = issueVoucherCode(coupon, 750, 1234);
    expect(issued.ok).toBe(true);
    if (!issued.ok) return;
    expect(issued.value).toMatch(/^KCV00F00016J[0-9A-HJKMNP-TV-Z]{8}$/);
    const scanned = classifyScan({ text: issued.value }, DEMO_SCAN_CONFIG, { nowMs: 0 });
    expect(scanned.ok && scanned.value.kind === 'coupon' && scanned.value.fields.campaign).toBe('V00F');
    expect(voucherValueOf('V00F')).toBe(750);
  });

  it('refuses a voucher whose amount does not fit, with the reason', () => {
    const r = issueVoucherCode(coupon, 1999, 1);
    expect(r.ok ? null : r.reason).toBe('not-a-unit');
    const big = issueVoucherCode(coupon, 2_000_000, 1);
    expect(big.ok ? null : big.reason).toBe('too-large');
  });

  it('a raised value breaks the signature: the campaign is part of what is signed', () => {
    const issued = issueVoucherCode(coupon, 500, 7);
    if (!issued.ok) throw new Error(issued.message);
    const raised = `KCVZZZ${issued.value.slice(6)}`;
    const scanned = classifyScan({ text: raised }, DEMO_SCAN_CONFIG, { nowMs: 0 });
    expect(scanned.ok && scanned.value.kind === 'coupon').toBe(false);
  });
});
