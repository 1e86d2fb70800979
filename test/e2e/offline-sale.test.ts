import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/scan/gtin';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { CheckoutPage } from './pages/checkout-page';
import { openPairedTill, type Till } from './support/till';

// Products of the demo catalogue (deterministic): two sold each, one weighed (prefix 21 + PLU).
const catalogue = demoCatalogue();
const each = catalogue.filter((p) => p.unit === 'each' && p.code.length === 13);
const weighed = catalogue.find((p) => p.unit === 'kg' && p.code.startsWith('21'));
if (!weighed || each.length < 3) throw new Error('demo catalogue lacks the products this test needs');
const [milk, cheese, third] = each as [(typeof each)[0], (typeof each)[0], (typeof each)[0]];
const GRAMS = 1250;
/** The scale's label: 21 + PLU + 5-digit grams + check digit. */
const weighedLabel = withCheckDigit(`${weighed.code}${String(GRAMS).padStart(5, '0')}`);
const weighedAmount = Math.round((weighed.priceCents * GRAMS) / 1000);

/** UI changes follow an IndexedDB lookup or write: give them a few seconds on a busy machine. */
// The demo store is Dutch (nl-NL): the till speaks Dutch and shows amounts as "€ 12,50".
const SOON = { timeout: 5_000 };

let till: Till;
beforeAll(async () => {
  till = await openPairedTill();
});
afterAll(async () => {
  await till?.close();
});

describe('a sale rung up with the sync server down', () => {
  it('is kept on the till, shown as waiting, and reaches the server exactly once when it is back', async () => {
    const { checkout, server } = till;
    await server.stop();
    await expect.poll(() => checkout.syncStateValue(), { timeout: 15_000 }).toBe('offline');
    expect(await checkout.syncState().textContent()).toBe('offline');

    // Focus in a text field: the scans must not land in it.
    await checkout.tendered().click();
    await checkout.wedgeScan(milk.code);
    await checkout.wedgeScan(milk.code);
    await checkout.wedgeScan(weighedLabel);
    await checkout.wedgeScan(cheese.code);
    await expect.poll(() => checkout.lines().count(), SOON).toBe(3);
    expect(await checkout.tendered().inputValue()).toBe('');
    expect(await checkout.line(milk.code).getByTestId('line-quantity').textContent()).toBe('2');
    expect(await checkout.line(weighed.code).getByTestId('line-weight').textContent()).toContain('1,250 kg');

    const total = 2 * milk.priceCents + weighedAmount + cheese.priceCents;
    const euros = (c: number) => (c / 100).toFixed(2).replace('.', ',');
    expect(await checkout.total().textContent()).toContain(euros(total));

    await checkout.payCash('100');
    expect(await checkout.changeDue().textContent()).toContain(euros(10_000 - total));
    await checkout.completeSale();
    await expect
      .poll(() => checkout.message().textContent(), SOON)
      .toBe(`Verkoop 1 afgerond. Wisselgeld €\u00a0${euros(10_000 - total)}.`);
    expect(await checkout.lines().count()).toBe(0);
    await expect.poll(() => checkout.syncWaiting().textContent(), SOON).toBe('1 verkoop in de wachtrij');
    expect(await checkout.syncStateValue()).toBe('offline');

    await server.start();
    await expect.poll(() => checkout.syncStateValue(), { timeout: 30_000 }).toBe('synced');
    expect(await checkout.syncState().textContent()).toBe('gesynchroniseerd');
    expect(await checkout.syncWaiting().textContent()).toBe('0 verkopen in de wachtrij');

    const sales = await server.sales(till.terminalId);
    expect(sales).toHaveLength(1);
    const [sale] = sales;
    expect(sale?.seq).toBe(1);
    expect(sale?.totalCents).toBe(total);
    expect(sale?.payments[0]).toMatchObject({
      method: 'cash',
      tenderedCents: 10_000,
      changeCents: 10_000 - total,
    });
    expect(sale?.lines.map((l) => [l.code, l.quantity, l.weightGrams, l.amountCents])).toEqual([
      [milk.code, 2, null, 2 * milk.priceCents],
      [weighed.code, 1, GRAMS, weighedAmount],
      [cheese.code, 1, null, cheese.priceCents],
    ]);
  });

  it('survives a reload right after "complete sale": neither lost nor sent twice', async () => {
    const { checkout, server, page } = till;
    const before = (await server.sales(till.terminalId)).length;
    await page.locator('body').click();
    await checkout.wedgeScan(third.code);
    await expect.poll(() => checkout.lines().count(), SOON).toBe(1);
    await page.getByTestId('tender-card').click();
    await checkout.completeSale();
    await expect.poll(() => checkout.message().textContent(), SOON).toContain('afgerond');
    await page.reload();

    await expect.poll(() => checkout.syncStateValue(), { timeout: 30_000 }).toBe('synced');
    await expect
      .poll(async () => (await server.sales(till.terminalId)).length, { timeout: 15_000 })
      .toBe(before + 1);
    const sales = await server.sales(till.terminalId);
    const last = sales.find((s) => s.seq === before + 1);
    expect(last?.lines.map((l) => l.code)).toEqual([third.code]);
    expect(last?.payments[0]?.method).toBe('card');
    expect(new Set(sales.map((s) => s.seq)).size).toBe(sales.length);
  });

  it('continues seq and hash chain after the till lost its local database (reinstall)', async () => {
    const { server, browser, hostUrl, terminalId } = till;
    const before = await server.sales(terminalId);
    // A fresh browser profile: IndexedDB and localStorage are empty, the host config still paired.
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(hostUrl);
      const checkout = new CheckoutPage(page);
      await expect.poll(() => checkout.syncStateValue(), { timeout: 30_000 }).toBe('synced');
      await page.locator('body').click();
      await checkout.wedgeScan(milk.code);
      await expect.poll(() => checkout.lines().count(), SOON).toBe(1);
      await page.getByTestId('tender-card').click();
      await checkout.completeSale();
      await expect
        .poll(() => checkout.message().textContent(), SOON)
        .toContain(`Verkoop ${before.length + 1} afgerond`);
      await expect.poll(() => checkout.syncWaitingCount(), { timeout: 15_000 }).toBe(0);
    } finally {
      await context.close();
    }
    const after = await server.sales(terminalId);
    expect(after.map((s) => s.seq).sort((a, b) => a - b)).toEqual(
      before.map((_, i) => i + 1).concat(before.length + 1),
    );
    expect(await server.exceptions(terminalId)).toEqual([]);
  });
});
