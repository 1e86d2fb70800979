// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import jsQR from 'jsqr';
import { afterEach, describe, expect, it } from 'vitest';
import { claimKeyFromTerminalToken, signClaimToken } from '../../../../core/loyalty/claim-token';
import { ClaimQr } from '../../../../renderer/src/features/receipt/ClaimQr';
import { applyLocale } from '../../../../renderer/src/i18n';

afterEach(() => {
  cleanup();
  applyLocale('en-GB');
});

const token = signClaimToken(
  {
    storeId: 'store-demo-ams',
    terminalId: '01KB0TERMINAL0000000000001',
    saleId: '01KB0SALE00000000000000001',
  },
  claimKeyFromTerminalToken('a-terminal-token'),
);

/** The dark modules the SVG path draws, as "row,col" (each `M<x> <y>h1v1h-1z` is one module). */
function darkModules(): { size: number; dark: Set<string> } {
  const svg = screen.getByRole('img');
  const size = Number(svg.getAttribute('viewBox')?.split(' ')[2]);
  const d = svg.querySelector('path')?.getAttribute('d') ?? '';
  const dark = new Set([...d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${m[2]},${m[1]}`));
  return { size, dark };
}

describe('the claim QR code on a receipt', () => {
  it('carries the token, is a QR symbol (finder patterns in three corners, a quiet zone) and says what to do, in Dutch', () => {
    applyLocale('nl-NL');
    render(<ClaimQr token={token} />);
    expect(screen.getByTestId('receipt-claim').getAttribute('data-claim-token')).toBe(token);
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
      'Code om de punten van deze aankoop te sparen',
    );
    expect(screen.getByTestId('receipt-claim').textContent).toBe(
      'Scan deze code binnen 30 dagen in de app om de punten van deze aankoop te sparen',
    );
    const { size, dark } = darkModules();
    const symbol = size - 8;
    // Versions 1–40 are 21, 25, … 177 modules a side; ~130 characters fit version 7–9 at level M.
    expect((symbol - 17) % 4).toBe(0);
    expect(symbol).toBeLessThanOrEqual(53);
    // A finder pattern: a dark 7×7 ring, a light ring, a dark 3×3 centre.
    const finderAt = (r0: number, c0: number) => {
      for (let r = 0; r < 7; r++) {
        for (let c = 0; c < 7; c++) {
          const ring = r === 0 || r === 6 || c === 0 || c === 6;
          const centre = r >= 2 && r <= 4 && c >= 2 && c <= 4;
          expect(dark.has(`${r0 + r},${c0 + c}`), `${r0 + r},${c0 + c}`).toBe(ring || centre);
        }
      }
    };
    finderAt(4, 4);
    finderAt(4, 4 + symbol - 7);
    finderAt(4 + symbol - 7, 4);
    for (const cell of dark) {
      const [r, c] = cell.split(',').map(Number) as [number, number];
      expect(r >= 4 && c >= 4 && r < 4 + symbol && c < 4 + symbol).toBe(true);
    }
  });

  it('scans: an independent QR reader reads the token back from what the receipt draws', () => {
    render(<ClaimQr token={token} />);
    const { size, dark } = darkModules();
    // 4 pixels per module, RGBA: what a camera would see of the printed code.
    const px = 4;
    const side = size * px;
    const image = new Uint8ClampedArray(side * side * 4).fill(255);
    for (const cell of dark) {
      const [r, c] = cell.split(',').map(Number) as [number, number];
      for (let y = r * px; y < (r + 1) * px; y++) {
        for (let x = c * px; x < (c + 1) * px; x++) image.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
      }
    }
    expect(jsQR(image, side, side)?.data).toBe(token);
  });

  it('in Romanian, with the plural of 30 days ("de zile")', () => {
    applyLocale('ro-RO');
    render(<ClaimQr token={token} />);
    expect(screen.getByTestId('receipt-claim').textContent).toContain('în cel mult 30 de zile');
  });
});
