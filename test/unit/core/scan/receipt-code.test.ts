import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyScan } from '../../../../core/scan/classify';
import {
  formatReceiptCode,
  MAX_RECEIPT_CODE_LENGTH,
  parseReceiptCode,
} from '../../../../core/scan/receipt-code';
import { DEFAULT_SCAN_CONFIG, DEMO_SCAN_CONFIG } from '../../../../core/scan/scan-config';

const SALE = { storeId: 'store-demo-ams', terminalId: 'T-01JD3K7Q2M', saleId: '01JD3K7Q2MZ8Y5X4W3V2T1S0RQ' };
const CODE = 'KASSA-R:store-demo-ams:T-01JD3K7Q2M:01JD3K7Q2MZ8Y5X4W3V2T1S0RQ';
const ctx = { nowMs: Date.UTC(2026, 10, 28, 11) };

describe('the receipt code', () => {
  it('is KASSA-R:<storeId>:<terminalId>:<saleId>, written out', () => {
    expect(formatReceiptCode(SALE)).toEqual({ ok: true, value: CODE });
    expect(parseReceiptCode(CODE)).toEqual({ ok: true, value: SALE });
  });

  it('reads the prefix in any case and trims what a scanner adds, keeping the ids as written', () => {
    expect(parseReceiptCode(`  kassa-r:${CODE.slice(8)}\r\n`)).toEqual({ ok: true, value: SALE });
  });

  it('refuses ids it cannot carry instead of printing a code that finds nothing', () => {
    expect(formatReceiptCode({ ...SALE, saleId: 'a:b' })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(formatReceiptCode({ ...SALE, storeId: '' })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(formatReceiptCode({ ...SALE, terminalId: 'x'.repeat(65) })).toMatchObject({ ok: false });
  });

  it.each([
    ['KASSA-R:store-demo-ams:T-1', 'two ids'],
    ['KASSA-R:store-demo-ams:T-1:S-1:extra', 'four ids'],
    ['KASSA-R:store-demo-ams::S-1', 'an empty id'],
    ['KASSA-R:store demo:T-1:S-1', 'a space'],
    [`KASSA-R:${'s'.repeat(64)}:${'t'.repeat(64)}:${'u'.repeat(65)}`, 'too long'],
  ])('calls %s malformed (%s)', (text) => {
    expect(parseReceiptCode(text)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('is not a receipt code without its prefix', () => {
    expect(parseReceiptCode('4006381333931')).toMatchObject({ ok: false, reason: 'not-receipt-code' });
    expect(parseReceiptCode('KASSA-M:01JD3K7Q2M:40938123')).toMatchObject({ reason: 'not-receipt-code' });
  });

  it('round-trips any ids it accepts, never longer than the bound', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/);
    fc.assert(
      fc.property(id, id, id, (storeId, terminalId, saleId) => {
        const code = formatReceiptCode({ storeId, terminalId, saleId });
        expect(code.ok).toBe(true);
        if (!code.ok) return;
        expect(code.value.length).toBeLessThanOrEqual(MAX_RECEIPT_CODE_LENGTH);
        expect(parseReceiptCode(code.value)).toEqual({ ok: true, value: { storeId, terminalId, saleId } });
      }),
    );
  });
});

describe('classifyScan: a receipt code', () => {
  it("classifies as kind 'receipt' naming the sale, with the demo store's config and without one", () => {
    for (const config of [DEMO_SCAN_CONFIG, DEFAULT_SCAN_CONFIG]) {
      expect(classifyScan({ text: CODE, source: 'wedge' }, config, ctx)).toEqual({
        ok: true,
        value: { kind: 'receipt', text: CODE, source: 'wedge', ...SALE },
      });
    }
  });

  it('says a damaged receipt code is damaged, not an unknown code', () => {
    expect(classifyScan({ text: 'KASSA-R:store-demo-ams:T-1' }, DEMO_SCAN_CONFIG, ctx)).toMatchObject({
      ok: false,
      reason: 'malformed',
      detail: { family: 'receipt' },
    });
  });
});
