import { describe, expect, it } from 'vitest';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { classifyScan } from '../../../../core/scan/classify';
import type { ScanContext } from '../../../../core/scan/scan-classification';
import { DEFAULT_SCAN_CONFIG, DEMO_SCAN_CONFIG, type ScanConfig } from '../../../../core/scan/scan-config';
import { withCheckDigit } from '../../../../core/scan/gtin';
import { signCode } from '../../../../core/scan/signed-code';
import { totp } from '../../../../core/scan/totp';
import { checkDigitFor } from '../../../../core/scan/check-digit';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const ctx: ScanContext = { nowMs: NOW };
const classify = (
  text: string,
  extra: { symbology?: string } = {},
  context = ctx,
  config = DEMO_SCAN_CONFIG,
) => classifyScan({ text, ...extra }, config, context);

describe('classifyScan: products', () => {
  it('classifies an EAN-13 and strips the Enter a wedge scanner may leave', () => {
    expect(classify('4006381333931\r\n')).toEqual({
      ok: true,
      value: {
        kind: 'product',
        text: '4006381333931',
        product: { kind: 'gtin', symbology: 'ean13', gtin: '4006381333931', lookupCode: '4006381333931' },
      },
    });
  });

  it('takes the symbology from an AIM prefix in the data or from the scanner report', () => {
    expect(classify(']E496385074')).toMatchObject({
      value: { kind: 'product', symbology: 'ean8', text: '96385074' },
    });
    expect(classify('04963406', { symbology: 'UPC-E' })).toMatchObject({
      value: { product: { symbology: 'upce', lookupCode: '0049000006346' } },
    });
  });

  it('classifies a weighed item of the demo store', () => {
    expect(classify(withCheckDigit('221234500750'))).toMatchObject({
      ok: true,
      value: {
        kind: 'product',
        product: { kind: 'variable-measure', measure: 'weight', value: 750, lookupCode: '2212345' },
      },
    });
  });

  it('a misread product says which check digit it should have', () => {
    const r = classify('4006381333932');
    expect(r).toMatchObject({ ok: false, reason: 'checksum', detail: { family: 'product' } });
    expect(r.ok ? '' : r.message).toContain('should be 1');
  });
});

describe('classifyScan: loyalty cards', () => {
  it('a demo key fob (2620…, 13 digits, GS1 mod-10) is a loyalty card, not a product', () => {
    const card = withCheckDigit('262000001234');
    expect(classify(card)).toMatchObject({
      ok: true,
      value: { kind: 'loyalty-card', cardNumber: card, formatId: 'kassa-fob', via: 'barcode' },
    });
    // Without the store's loyalty formats the same digits are just an in-store GTIN.
    expect(classify(card, {}, ctx, DEFAULT_SCAN_CONFIG)).toMatchObject({ value: { kind: 'product' } });
  });

  it('a partner card with a mod-11 check digit', () => {
    const data = '310000123';
    const card = data + String(checkDigitFor('mod11', data));
    expect(classify(card)).toMatchObject({ value: { kind: 'loyalty-card', formatId: 'partner' } });
  });

  it('a loyalty card with a wrong check digit is refused as a card, not passed on as a product', () => {
    const card = withCheckDigit('262000001234');
    const bad = card.slice(0, 12) + String((Number(card[12]) + 1) % 10);
    const r = classify(bad);
    expect(r).toMatchObject({ ok: false, reason: 'checksum', detail: { family: 'loyalty-card' } });
    expect(r.ok ? '' : r.message).toContain('Kassa loyalty card');
  });

  it('a store can configure its own format', () => {
    const config: ScanConfig = {
      ...DEFAULT_SCAN_CONFIG,
      loyaltyCards: [{ id: 'x', name: 'X card', prefix: '99', length: 8, checkDigit: 'none' }],
    };
    expect(classify('99123456', {}, ctx, config)).toMatchObject({
      value: { kind: 'loyalty-card', formatId: 'x' },
    });
  });
});

describe('classifyScan: coupons and gift cards', () => {
  const [coupon, gift] = DEMO_SCAN_CONFIG.signedCodes;

  it('a genuine coupon, scanned or typed in groups', () => {
    const code = signCode(coupon!, coupon!.keys[0]!, 'SPR1000042');
    expect(classify(code)).toMatchObject({
      ok: true,
      value: { kind: 'coupon', code, fields: { campaign: 'SPR1', serial: '000042' } },
    });
    expect(
      classify(`kc-${code.slice(2, 6)}-${code.slice(6, 12)}-${code.slice(12)}`.toLowerCase()),
    ).toMatchObject({
      value: { kind: 'coupon', code },
    });
  });

  it('a made-up coupon is refused as not genuine', () => {
    const r = classify('KCSPR1000042ABCDEFGH');
    expect(r).toMatchObject({ ok: false, reason: 'signature', detail: { family: 'coupon' } });
    expect(r.ok ? '' : r.message).toMatch(/not genuine/);
  });

  it('a genuine gift card; a coupon too short says its length', () => {
    const card = signCode(gift!, gift!.keys[0]!, '0000000123');
    expect(classify(card)).toMatchObject({ value: { kind: 'gift-card', fields: { serial: '0000000123' } } });
    expect(classify('KC1234')).toMatchObject({
      ok: false,
      reason: 'malformed',
      detail: { family: 'coupon' },
    });
  });
});

describe('classifyScan: member app QR', () => {
  const secret = utf8ToBytes('member 01JD3K7Q2M secret');
  const format = DEMO_SCAN_CONFIG.memberQr!;
  const qrAt = (ms: number) => `KASSA-M:01JD3K7Q2M:${totp(secret, ms, format)}`;
  const withSecret: ScanContext = {
    nowMs: NOW,
    memberSecret: (ref) => (ref === '01JD3K7Q2M' ? secret : undefined),
  };

  it('without the secret: the member reference and code, unverified', () => {
    expect(classify(qrAt(NOW))).toMatchObject({
      ok: true,
      value: { kind: 'member-qr', memberRef: '01JD3K7Q2M', verification: 'unverified' },
    });
  });

  it('with the secret: the live code is verified and names its step', () => {
    expect(classify(qrAt(NOW - 20_000), {}, withSecret)).toMatchObject({
      ok: true,
      value: { kind: 'member-qr', verification: 'verified', step: Math.floor((NOW - 20_000) / 30_000) },
    });
  });

  it('a screenshot from five minutes ago is refused as expired', () => {
    const r = classify(qrAt(NOW - 5 * 60_000), {}, withSecret);
    expect(r).toMatchObject({ ok: false, reason: 'code-expired', detail: { family: 'member-qr' } });
    expect(r.ok ? '' : r.message).toMatch(/screenshot/);
  });

  it('a code is accepted once: the same code (or a copy) again is refused as reused', () => {
    const first = classify(qrAt(NOW), {}, withSecret);
    expect(first).toMatchObject({ ok: true, value: { verification: 'verified' } });
    const step = first.ok && first.value.kind === 'member-qr' ? first.value.step : undefined;
    const remembered: ScanContext = { ...withSecret, lastAcceptedStep: () => step };
    expect(classify(qrAt(NOW), {}, remembered)).toMatchObject({ ok: false, reason: 'code-reused' });
    // The app's next code, a step later, is fine.
    expect(classify(qrAt(NOW + 30_000), {}, { ...remembered, nowMs: NOW + 30_000 })).toMatchObject({
      ok: true,
    });
  });

  it('a code from someone else’s app is wrong; a damaged QR is malformed', () => {
    const other = `KASSA-M:01JD3K7Q2M:${totp(utf8ToBytes('other'), NOW, format)}`;
    expect(classify(other, {}, withSecret)).toMatchObject({ ok: false, reason: 'code-wrong' });
    expect(classify('KASSA-M:01JD3K7Q2M')).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('classifyScan: GS1 element strings from 2D scanners', () => {
  it('a GS1 DataMatrix with ]d2, GS separators, expiry and weight', () => {
    expect(classify(']d2010950600013435217261231' + '3103000750' + '10B42\u001d21S1')).toMatchObject({
      ok: true,
      value: {
        kind: 'gs1',
        symbology: 'gs1-datamatrix',
        gtin: '09506000134352',
        lookupCode: '9506000134352',
        expiry: '2026-12-31',
        netWeightGrams: 750,
        batch: 'B42',
        serial: 'S1',
      },
    });
  });

  it('GS1 QR (]Q3) and GS1-128 (]C1), and a GS1-128 from a scanner that sends no identifier', () => {
    expect(classify(']Q30109506000134352')).toMatchObject({ value: { kind: 'gs1', symbology: 'gs1-qr' } });
    expect(classify(']C101095060001343523103001000')).toMatchObject({ value: { netWeightGrams: 1000 } });
    expect(classify('01095060001343523103001000')).toMatchObject({
      value: { kind: 'gs1', netWeightGrams: 1000 },
    });
  });

  it('a GS1 code without a product number is not something to sell', () => {
    expect(classify(']d200095060001343520001')).toMatchObject({
      ok: false,
      reason: 'unknown-code',
      detail: { family: 'gs1' },
    });
  });
});

describe('classifyScan: what is not a code', () => {
  it('nothing read', () => {
    expect(classify('  \r\n')).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('an unknown code gets a message a cashier can read, control characters shown escaped', () => {
    const r = classify('hello\u0007world');
    expect(r).toMatchObject({ ok: false, reason: 'unknown-code' });
    expect(r.ok ? '' : r.message).toBe(
      'Unknown code "hello\\x07world": not a product, loyalty card, coupon, gift card or member code of this store.',
    );
  });

  it('a runaway scan is refused before parsing', () => {
    expect(classify('1'.repeat(5000))).toMatchObject({ ok: false, reason: 'too-long' });
  });

  it('digits of no known length or prefix are unknown', () => {
    expect(classify('12345')).toMatchObject({ ok: false, reason: 'unknown-code' });
  });
});

describe('classifyScan: less common shapes', () => {
  it('a bare GTIN-14 from an outer case (ITF-14) is a GS1 product number', () => {
    expect(classify('14006381333938')).toMatchObject({
      ok: true,
      value: { kind: 'gs1', gtin: '14006381333938' },
    });
    expect(classify('04006381333931')).toMatchObject({ value: { kind: 'gs1', lookupCode: '4006381333931' } });
    expect(classify('14006381333939')).toMatchObject({
      ok: false,
      reason: 'checksum',
      detail: { family: 'gs1' },
    });
  });

  it('a card reader that strips the sentinels and sends only the number', () => {
    const card = withCheckDigit('262000001234');
    expect(classifyScan({ text: card, source: 'magstripe' }, DEMO_SCAN_CONFIG, ctx)).toMatchObject({
      value: { kind: 'loyalty-card', cardNumber: card, via: 'magstripe' },
    });
  });
});
