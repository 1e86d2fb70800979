// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import jsQR from 'jsqr';
import { afterEach, describe, expect, it } from 'vitest';
import type { SaleEvent, Tender } from '../../../../core/journal';
import { parseReceiptCode } from '../../../../core/scan/receipt-code';
import { ReceiptView } from '../../../../renderer/src/features/receipt/ReceiptView';
import { receiptOf, tenderOf } from '../../../../renderer/src/features/receipt/receipt';
import { applyLocale } from '../../../../renderer/src/i18n';

afterEach(() => {
  cleanup();
  applyLocale('en-GB');
});

const store = { name: 'Kassa Demo Amsterdam', locale: 'nl-NL', timeZone: 'Europe/Amsterdam' };
const PAYMENTS: Tender[] = [
  { method: 'points', amountCents: 300, points: 300 },
  { method: 'gift-card', amountCents: 500, code: 'KG7Q4M2X9PAB3C' },
  { method: 'card', amountCents: 218 },
  { method: 'cash', amountCents: 200, tenderedCents: 500, changeCents: 300 },
];
const sale = {
  id: '01KB0SALE00000000000000001',
  type: 'sale',
  terminalId: '01KB0TERMINAL0000000000001',
  storeId: 'store-demo-ams',
  seq: 4,
  createdAt: Date.UTC(2026, 10, 28, 11),
  currency: 'EUR',
  lines: [
    {
      lineId: 'l1',
      productId: 'p1',
      name: 'Koffie',
      quantity: 2,
      unitPriceCents: 609,
      amountCents: 1218,
      discountCents: 0,
    },
  ],
  subtotalCents: 1218,
  discountCents: 0,
  totalCents: 1218,
  payments: PAYMENTS,
  flags: [],
  donations: [],
  memberId: null,
  loyalty: null,
} as unknown as SaleEvent;
const plain = (s: string | null | undefined) => s?.replace(/\u00a0|\u202f/g, ' ') ?? null;

describe('the payments on a receipt', () => {
  it('are listed by type: points with how many, the gift card by its last four characters only', () => {
    const r = receiptOf(sale, null, store);
    expect(
      r.tender.map((t) =>
        Object.fromEntries(Object.entries(t).map(([k, v]) => [k, typeof v === 'string' ? plain(v) : v])),
      ),
    ).toEqual([
      { method: 'points', amount: '€ 3,00', points: 300 },
      { method: 'gift-card', amount: '€ 5,00', code: '•••• AB3C' },
      { method: 'card', amount: '€ 2,18' },
      { method: 'cash', amount: '€ 2,00', tendered: '€ 5,00', change: '€ 3,00' },
    ]);
    expect(JSON.stringify(r.tender)).not.toContain('KG7Q4M2X9P');
  });

  it('are said in the store’s language on the receipt', () => {
    applyLocale('nl-NL');
    render(<ReceiptView receipt={receiptOf(sale, null, store)} locale="nl-NL" onClose={() => {}} />);
    const rows = screen.getAllByTestId('receipt-tender').map((e) => plain(e.textContent));
    expect(rows).toEqual([
      'Punten (300)€ 3,00',
      'Cadeaukaart •••• AB3C€ 5,00',
      'Pin€ 2,18',
      'Contant€ 5,00Wisselgeld€ 3,00',
    ]);
  });

  it('a refund in cash has no change', () => {
    expect(tenderOf({ method: 'cash', amountCents: 129 }, (c) => `${c}`)).toEqual({
      method: 'cash',
      amount: '129',
      tendered: '129',
      change: '0',
    });
  });
});

describe('the receipt code', () => {
  it('is printed as text and drawn as a QR code a reader reads back to the sale', () => {
    applyLocale('nl-NL');
    render(<ReceiptView receipt={receiptOf(sale, null, store)} locale="nl-NL" onClose={() => {}} />);
    const text = screen.getByTestId('receipt-code-text').textContent ?? '';
    expect(text).toBe('KASSA-R:store-demo-ams:01KB0TERMINAL0000000000001:01KB0SALE00000000000000001');
    expect(parseReceiptCode(text)).toEqual({
      ok: true,
      value: { storeId: sale.storeId, terminalId: sale.terminalId, saleId: sale.id },
    });
    const svg = screen.getByTestId('receipt-code').querySelector('svg');
    const size = Number(svg?.getAttribute('viewBox')?.split(' ')[2]);
    const d = svg?.querySelector('path')?.getAttribute('d') ?? '';
    const px = 4;
    const side = size * px;
    const image = new Uint8ClampedArray(side * side * 4).fill(255);
    for (const m of d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
      const [c, r] = [Number(m[1]), Number(m[2])];
      for (let y = r * px; y < (r + 1) * px; y++) {
        for (let x = c * px; x < (c + 1) * px; x++) image.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
      }
    }
    expect(jsQR(image, side, side)?.data).toBe(text);
  });
});
