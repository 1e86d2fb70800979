import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClaimToken } from '../../core/loyalty/claim-token';
import { DEMO_CARD } from '../../sync-server/src/demo/demo-members';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { ReceiptView } from './pages/receipt';
import { openPairedTill, type Till } from './support/till';

const each = demoCatalogue().filter((p) => p.unit === 'each' && p.code.length === 13);
const [milk, cheese] = each as [(typeof each)[0], (typeof each)[0]];
const SOON = { timeout: 10_000 };

let till: Till;
beforeAll(async () => {
  till = await openPairedTill();
});
afterAll(async () => {
  await till?.close();
});

interface ClaimAnswer {
  memberId: string;
  saleId: string;
  points: number;
  ledger: { id: string; account: string; amount: number }[];
  replayed: boolean;
}

describe('a receipt without a member, claimed later', () => {
  it('shows a claim QR code; after sync a member claims its points once', async () => {
    const { checkout, server } = till;
    await checkout.waitSynced();
    await checkout.wedgeScan(milk.code);
    await checkout.wedgeScan(cheese.code);
    await expect.poll(() => checkout.lines().count(), SOON).toBe(2);
    await checkout.payCash('100');
    await checkout.completeSale();

    // The receipt carries the till's signed token for this very sale, drawn as a QR code.
    const receipt = new ReceiptView(checkout.page);
    await receipt.receipt().waitFor(SOON);
    const saleId = await receipt.receipt().getAttribute('data-sale-id');
    const token = (await receipt.claimToken()) ?? '';
    expect(token).toMatch(/^KASSA-C1:[A-Za-z0-9_-]+$/);
    expect(parseClaimToken(token)).toMatchObject({
      ok: true,
      value: { terminalId: till.terminalId, saleId },
    });
    const qr = receipt.claim().getByRole('img');
    expect(await qr.isVisible()).toBe(true);
    expect((await qr.boundingBox())?.width).toBeGreaterThanOrEqual(100);
    // What a phone sees: the SVG as Chromium renders it, read by an independent QR reader.
    const { side, red } = await qr.evaluate(async (svg) => {
      const side = 4 * Number(svg.getAttribute('viewBox')?.split(' ')[2]);
      const img = new Image(side, side);
      img.src = `data:image/svg+xml;base64,${btoa(new XMLSerializer().serializeToString(svg))}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = side;
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
      ctx.drawImage(img, 0, 0, side, side);
      // Black and white: one channel is the picture (a quarter of the bytes to carry back).
      return { side, red: Array.from(ctx.getImageData(0, 0, side, side).data.filter((_, i) => i % 4 === 0)) };
    });
    const rgba = Uint8ClampedArray.from(red.flatMap((v) => [v, v, v, 255]));
    expect(jsQR(rgba, side, side)?.data).toBe(token);
    // The demo till speaks Dutch.
    expect(await receipt.claim().textContent()).toContain('binnen 30 dagen in de app');
    // Printed, the code is on the paper and the buttons are not.
    await checkout.page.emulateMedia({ media: 'print' });
    expect(await qr.isVisible()).toBe(true);
    expect(await receipt.print().isVisible()).toBe(false);
    await checkout.page.emulateMedia({ media: 'screen' });
    await receipt.close().click();

    await checkout.waitSynced();
    await expect
      .poll(async () => (await server.sales(till.terminalId)).map((s) => s.memberId), SOON)
      .toEqual([null]);

    // The member app's backend claims it for the demo member.
    const before = (await server.member(DEMO_CARD))?.member.balance ?? NaN;
    const claim = async () => {
      const res = await fetch(new URL('/claims', server.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ token, card: DEMO_CARD }),
      });
      return { status: res.status, body: (await res.json()) as ClaimAnswer };
    };
    const first = await claim();
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ saleId, replayed: false });
    expect(first.body.points).toBeGreaterThan(0);
    const shown = await server.member(DEMO_CARD);
    expect(shown?.member.balance).toBe(before + first.body.points);
    const claimedRows = (shown?.ledger ?? []).filter((r) => r.entryId.startsWith('claim:'));
    expect(claimedRows.reduce((n, r) => n + (r.account === 'points' ? r.amount : 0), 0)).toBe(
      first.body.points,
    );

    // Claiming again answers the same and adds nothing.
    const again = await claim();
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect((await server.member(DEMO_CARD))?.member.balance).toBe(before + first.body.points);
  });
});
