import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { nl as appText } from '../../renderer/src/i18n/text/app';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { CheckoutPage } from './pages/checkout-page';
import { openPairedTill, type Till } from './support/till';

// Scenario 11 of issue 11: the same till opened twice on one terminal (a second tab or window of
// the browser fallback, same origin, same IndexedDB). Without leader election both windows
// synced and sold from one journal; now one window is the till and the other says so and waits.
const product = demoCatalogue().find((p) => p.unit === 'each' && p.code.length === 13);
if (!product) throw new Error('demo catalogue lacks a product sold each');
const SOON = { timeout: 10_000 };

let till: Till;
beforeAll(async () => {
  till = await openPairedTill();
});
afterAll(async () => {
  await till?.close();
});

/** A window of this till, with the calls it makes to the sync server counted. */
async function openWindow(): Promise<{ page: Page; syncCalls: () => number }> {
  const page = await till.context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
  let calls = 0;
  page.on('request', (r) => {
    if (r.url().startsWith(till.server.url)) calls++;
  });
  await page.goto(till.hostUrl);
  return { page, syncCalls: () => calls };
}

/** The window is the till: its scan field is there. */
async function expectTill(page: Page): Promise<void> {
  await page.getByTestId('scan-input').waitFor(SOON);
}

/** The window tells the cashier another window has the till, and offers no basket. */
async function expectOpenElsewhere(page: Page): Promise<void> {
  await page.getByTestId('open-elsewhere').waitFor(SOON);
  expect(await page.getByTestId('open-elsewhere').textContent()).toBe(appText.openElsewhere);
  expect(await page.getByTestId('scan-input').count()).toBe(0);
}

async function sell(page: Page): Promise<string | null> {
  const checkout = new CheckoutPage(page);
  await page.locator('body').click();
  await checkout.wedgeScan(product!.code);
  await expect.poll(() => checkout.lines().count(), SOON).toBe(1);
  await page.getByTestId('tender-card').click();
  await checkout.completeSale();
  await expect.poll(() => checkout.lines().count(), SOON).toBe(0);
  return checkout.message().textContent();
}

/** Every sale of the terminal at the server once, seqs 1..n, no seq or chain exception raised. */
async function expectServerHoldsEachSaleOnce(count: number): Promise<void> {
  await expect
    .poll(async () => (await till.server.sales(till.terminalId)).length, { timeout: 15_000 })
    .toBe(count);
  const sales = await till.server.sales(till.terminalId);
  expect(sales.map((s) => s.seq).sort((a, b) => a - b)).toEqual(
    Array.from({ length: count }, (_, i) => i + 1),
  );
  expect(new Set(sales.map((s) => s.eventId)).size).toBe(count);
  expect(await till.server.exceptions(till.terminalId)).toEqual([]);
}

describe('two windows of one till on a terminal', () => {
  it('the second window says the till is open elsewhere, sells nothing and does not sync', async () => {
    const second = await openWindow();
    await expectOpenElsewhere(second.page);

    expect(await sell(till.page)).toBe('Verkoop 1 afgerond.');
    await till.checkout.waitSynced();
    await expectServerHoldsEachSaleOnce(1);
    // Still waiting, with no basket, and not one call of its own to the sync server.
    await expectOpenElsewhere(second.page);
    expect(second.syncCalls()).toBe(0);
    await second.page.close();
  });

  it('takes over when the first window closes, and continues its seq and chain', async () => {
    const second = await openWindow();
    await expectOpenElsewhere(second.page);
    await till.page.close();

    await expectTill(second.page);
    const checkout = new CheckoutPage(second.page);
    await checkout.waitSynced();
    expect(await sell(second.page)).toBe('Verkoop 2 afgerond.');
    await checkout.waitSynced();
    await expectServerHoldsEachSaleOnce(2);
    await second.page.close();
  });

  it('two windows opened at once: exactly one becomes the till', async () => {
    const windows = await Promise.all([openWindow(), openWindow()]);
    await Promise.any(windows.map((w) => expectTill(w.page)));
    const isTill = await Promise.all(
      windows.map(async (w) => (await w.page.getByTestId('scan-input').count()) > 0),
    );
    expect(isTill.filter(Boolean)).toHaveLength(1);
    const tillWindow = windows[isTill.indexOf(true)]!;
    const other = windows[isTill.indexOf(false)]!;
    await expectOpenElsewhere(other.page);

    expect(await sell(tillWindow.page)).toBe('Verkoop 3 afgerond.');
    await new CheckoutPage(tillWindow.page).waitSynced();
    await expectServerHoldsEachSaleOnce(3);
    await expectOpenElsewhere(other.page);
    expect(other.syncCalls()).toBe(0);
  });
});
