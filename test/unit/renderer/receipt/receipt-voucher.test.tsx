// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import jsQR from 'jsqr';
import { afterEach, describe, expect, it } from 'vitest';
import { issueVoucherCode } from '../../../../core/loyalty/code-issue';
import { classifyScan, DEMO_SCAN_CONFIG } from '../../../../core/scan';
import { receiptOf } from '../../../../renderer/src/features/receipt/receipt';
import { ReceiptVoucherSlip } from '../../../../renderer/src/features/receipt/ReceiptVoucherSlip';
import { applyLocale } from '../../../../renderer/src/i18n';
import { saleV5 } from '../../core/journal/sale-fixtures';

afterEach(() => {
  cleanup();
  applyLocale('en-GB');
});

const STORE = { name: 'Kassa Demo Amsterdam', locale: 'nl-NL', timeZone: 'Europe/Amsterdam' };
const format = DEMO_SCAN_CONFIG.signedCodes.find((f) => f.id === 'kassa-coupon');
if (!format) throw new Error('demo coupon format missing');
const issued = issueVoucherCode(format, 750, 42);
if (!issued.ok) throw new Error(issued.message);
const code = issued.value;
// The last moment: 31 December 2026, 23:30 in Amsterdam (22:30 UTC).
const validUntil = Date.UTC(2026, 11, 31, 22, 30);
const sale = saleV5({
  issuedCodes: [
    { code, formatId: 'kassa-coupon', kind: 'voucher', valueCents: 750, validUntil, source: 'reward:v' },
    { code: 'KCXMAS0000019ABCDEFG', formatId: 'kassa-coupon', kind: 'coupon', source: 'rule:next' },
  ],
});

describe('the receipt of a sale that issued a voucher', () => {
  it('prints each voucher with its value, its last day in the store’s time zone, and its code in groups', () => {
    const { vouchers } = receiptOf(sale, null, STORE);
    expect(vouchers).toEqual([
      {
        code,
        printed: `${code.slice(0, 5)}-${code.slice(5, 10)}-${code.slice(10, 15)}-${code.slice(15)}`,
        value: '€\u00a07,50',
        validUntil: '31 dec 2026',
      },
    ]);
    // What is printed scans back as the same voucher (hyphens are ignored).
    const typed = classifyScan({ text: vouchers[0]?.printed ?? '' }, DEMO_SCAN_CONFIG, { nowMs: 0 });
    expect(typed.ok && typed.value.kind === 'coupon' && typed.value.code).toBe(code);
  });

  it('a sale that issued none prints none', () => {
    expect(receiptOf(saleV5(), null, STORE).vouchers).toEqual([]);
  });

  it('shows the voucher in the till’s language, and its QR code reads back as the code', () => {
    applyLocale('nl-NL');
    const [voucher] = receiptOf(sale, null, STORE).vouchers;
    if (!voucher) throw new Error('no voucher');
    render(<ReceiptVoucherSlip voucher={voucher} />);
    expect(screen.getByTestId('receipt-voucher-value').textContent).toBe(
      'Tegoedbon van €\u00a07,50 voor uw volgende bezoek',
    );
    expect(screen.getByTestId('receipt-voucher-until').textContent).toBe('Geldig tot en met 31 dec 2026');
    expect(screen.getByTestId('receipt-voucher-code').textContent).toBe(voucher.printed);
    const svg = screen.getByRole('img');
    expect(svg.getAttribute('aria-label')).toBe('Code van de tegoedbon');
    const size = Number(svg.getAttribute('viewBox')?.split(' ')[2]);
    const d = svg.querySelector('path')?.getAttribute('d') ?? '';
    const px = 4;
    const side = size * px;
    const image = new Uint8ClampedArray(side * side * 4).fill(255);
    for (const m of d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
      const [c, r] = [Number(m[1]), Number(m[2])];
      for (let y = r * px; y < (r + 1) * px; y++) {
        for (let x = c * px; x < (c + 1) * px; x++) image.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
      }
    }
    expect(jsQR(image, side, side)?.data).toBe(code);
  });
});
