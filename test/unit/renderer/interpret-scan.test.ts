import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../../core/scan/gtin';
import { DEMO_COUPON_KEY, DEMO_GIFT_KEY, DEMO_SCAN_CONFIG } from '../../../core/scan/scan-config';
import { signCode } from '../../../core/scan/signed-code';
import { totp } from '../../../core/scan/totp';
import { DEFAULT_PRODUCT_CODE_CONFIG } from '../../../core/scan/product-code';
import type { StoreSettings } from '../../../core/store/store-settings';
import { interpretScan, scanConfigFor } from '../../../renderer/src/features/checkout/interpret-scan';
import { i18n, translate } from '../../../renderer/src/i18n';

const store: StoreSettings = {
  storeId: 's',
  name: 'Demo',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [...DEFAULT_PRODUCT_CODE_CONFIG.variableMeasure],
};
const config = scanConfigFor(store);
const at = Date.UTC(2026, 0, 15);

describe('interpretScan', () => {
  it('routes product codes, weighed labels included, to the basket', () => {
    expect(interpretScan('8710000000017', config, at)).toMatchObject({
      type: 'product',
      code: { lookupCode: '8710000000017' },
    });
    expect(interpretScan(withCheckDigit('210004201250'), config, at)).toMatchObject({
      type: 'product',
      code: { kind: 'variable-measure', lookupCode: '2100042', value: 1250 },
    });
  });

  it('recognises a loyalty card for the basket', () => {
    const card = withCheckDigit('262012345678');
    expect(interpretScan(card, config, at)).toEqual({
      type: 'member-card',
      cardNumber: card,
      cardName: 'Kassa loyalty card',
    });
  });

  it('answers anything else with a message a cashier can read, in the till’s language', () => {
    const bad = interpretScan('8710000000018', config, at);
    expect(bad).toEqual({
      type: 'message',
      message: { key: 'scan.refused.checksum', values: { code: '8710000000018' } },
    });
    if (bad.type !== 'message') return;
    expect(translate(i18n.getFixedT('en'), bad.message)).toBe(
      'The check digit of 8710000000018 does not match: a misread or a typo. Scan again.',
    );
    expect(translate(i18n.getFixedT('nl'), bad.message)).toContain('controlecijfer van 8710000000018');
    expect(translate(i18n.getFixedT('ro'), bad.message)).toContain(
      'Cifra de control a codului 8710000000018',
    );
    const unknown = interpretScan('hello world', config, at);
    expect(unknown).toMatchObject({ type: 'message', message: { key: 'scan.refused.unknown-code' } });
  });
});

describe('interpretScan: member-app codes', () => {
  const format = config.memberQr!;
  const secret = new TextEncoder().encode('anna app secret 0123456789');
  const ref = '01JANNA0000000000000000000';
  const qr = `KASSA-M:${ref}:${totp(secret, at, format)}`;
  const members = { memberSecret: (r: string) => (r === ref ? secret : undefined) };

  it('a live code with the member’s secret is verified and names its step', () => {
    expect(interpretScan(qr, config, at, 'wedge', undefined, members)).toMatchObject({
      type: 'member-app',
      memberRef: ref,
      verification: 'verified',
      step: Math.floor(at / 30_000),
    });
  });

  it('the same code again after the till accepted its step is refused as reused', () => {
    const again = interpretScan(qr, config, at + 5_000, 'wedge', undefined, {
      ...members,
      lastAcceptedStep: () => Math.floor(at / 30_000),
    });
    expect(again).toMatchObject({ type: 'message', message: { key: 'scan.refused.code-reused' } });
  });

  it('without a member-app key on this till, the cashier is told why and what to do instead', () => {
    const r = interpretScan(qr, config, at);
    expect(r).toEqual({ type: 'message', message: { key: 'scan.memberApp.noKey' } });
    if (r.type !== 'message') return;
    expect(translate(i18n.getFixedT('en'), r.message)).toBe(
      'This till cannot check member app codes yet: it needs to reach the server once. Scan the member’s card or type their phone number.',
    );
  });

  it('a screenshot, a wrong code and a second scan each get their own message', () => {
    const en = (r: ReturnType<typeof interpretScan>) =>
      r.type === 'message' ? translate(i18n.getFixedT('en'), r.message) : r.type;
    const old = `KASSA-M:${ref}:${totp(secret, at - 5 * 60_000, format)}`;
    expect(en(interpretScan(old, config, at, 'wedge', undefined, members))).toContain(
      'a screenshot will not work',
    );
    const wrong = `KASSA-M:${ref}:${totp(new TextEncoder().encode('someone else'), at, format)}`;
    expect(en(interpretScan(wrong, config, at, 'wedge', undefined, members))).toContain(
      'does not match the member',
    );
    const again = interpretScan(qr, config, at, 'wedge', undefined, {
      ...members,
      lastAcceptedStep: () => Math.floor(at / 30_000),
    });
    expect(en(again)).toContain('already used at this till');
  });
});

describe('coupons and gift cards at the till', () => {
  const coupon = DEMO_SCAN_CONFIG.signedCodes.find((f) => f.id === 'kassa-coupon');
  const gift = DEMO_SCAN_CONFIG.signedCodes.find((f) => f.id === 'kassa-gift-card');
  if (!coupon || !gift) throw new Error('demo formats missing');
  const demoStore = { ...store, storeId: 'store-demo-ams' };

  it('takes a genuine coupon or gift card of the demo store to the spend feature, never "unknown code"', () => {
    const demo = scanConfigFor(demoStore);
    const code = signCode(coupon, DEMO_COUPON_KEY, 'SPRG000001');
    expect(interpretScan(code, demo, at)).toEqual({
      type: 'coupon',
      code,
      formatId: 'kassa-coupon',
      campaign: 'SPRG',
    });
    const card = signCode(gift, DEMO_GIFT_KEY, '0000000001');
    expect(interpretScan(card, demo, at)).toEqual({
      type: 'gift-card',
      code: card,
      formatId: 'kassa-gift-card',
    });
  });

  it('refuses a coupon whose signature does not match, and uses the keys the till holds for other stores', () => {
    const demo = scanConfigFor(demoStore);
    const genuine = signCode(coupon, DEMO_COUPON_KEY, 'SPRG000001');
    const forged = `${genuine.slice(0, -1)}${genuine.endsWith('0') ? '1' : '0'}`;
    expect(interpretScan(forged, demo, at)).toMatchObject({
      type: 'message',
      message: { key: 'scan.refused.signature' },
    });
    // Another store: the demo's public keys are not trusted; with the store's own key the code verifies.
    const key = { id: 'k1', secret: new TextEncoder().encode('store s coupon key') };
    const own = signCode(coupon, key, 'SPRG000002');
    expect(interpretScan(own, scanConfigFor(store), at).type).not.toBe('coupon');
    expect(
      interpretScan(
        own,
        scanConfigFor(store, (f) => (f === 'kassa-coupon' ? [key] : [])),
        at,
      ),
    ).toMatchObject({
      type: 'coupon',
      code: own,
    });
  });
});
