import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { demoCardNumber, demoMemberId } from '../../sync-server/src/demo/demo-members';
import { ReturnsPage } from './pages/returns-page';
import { launchChromium } from './support/browser';
import { startDatedSyncServer, type DatedSyncServer } from './support/dated-sync-server';
import { openDatedTill, type DatedTill } from './support/dated-till';

/**
 * A return at the till (issue 9), against the real server, on a weekend: a member's Saturday sale
 * of two lines earns the demo's base points (stars-per-euro: 2 per euro) doubled by "Weekend double
 * points" (weekend-double.json); one line comes back by scanning the receipt's code, and the till
 * takes back exactly what the returned goods earned, multiplier included — shown before the cashier
 * confirms, on the return receipt, in the member's balance, and on the server after sync.
 * Numbers are hand-computed beside each assertion and read through data-testids, never the till's
 * (Dutch) sentences.
 *
 * The calendar: the server's clock starts on Saturday 28 November 2026 at 11:58 in Amsterdam.
 */
const SAT = Date.UTC(2026, 10, 28, 10, 58);
const SOON = { timeout: 15_000 };
const FOLDED = { timeout: 60_000 };

const catalogue = demoCatalogue();
const product = (name: string) => {
  const p = catalogue.find((x) => x.name === name);
  if (!p) throw new Error(`no "${name}" in the demo catalogue`);
  return p;
};
const COFFEE = product('Douwe Egberts Aroma rood filterkoffie 500 g'); // €6.69
const MILK = product('Campina Halfvolle melk 1 L'); // €1.29
/** Thomas: demo fob 10, no tier, no segment, no birthday this week; 0 points to start. */
const THOMAS = { card: demoCardNumber('kassa-fob', 10), memberId: demoMemberId(10) };

let server: DatedSyncServer;
let browser: Browser;
let till: DatedTill;
let receiptCode = '';

beforeAll(async () => {
  server = await startDatedSyncServer(SAT);
  browser = await launchChromium();
  till = await openDatedTill(browser, server);
});
afterAll(async () => {
  await till?.close();
  await browser?.close();
  await server?.close();
});

const digits = (s: string | null) => (s ?? '').replace(/\D/g, '');

describe('a return of one line of a weekend sale', () => {
  it('sells two lines on Saturday: 15 base + 15 weekend = 30 points, and the receipt carries its code', async () => {
    const { checkout, panel, receipt } = till;
    await checkout.wedgeScan(THOMAS.card);
    await expect.poll(() => panel.memberId(), SOON).toBe(THOMAS.memberId);
    await expect.poll(() => panel.balance(), SOON).toBe(0);
    await checkout.wedgeScan(COFFEE.code);
    await checkout.wedgeScan(MILK.code);
    await expect.poll(() => checkout.lines().count(), SOON).toBe(2);
    // €7.98 → 2 × 7 = 15 (rounded down) base, ×2 on Saturday: +15.
    await expect.poll(() => panel.earnedPoints(), SOON).toBe(30);
    await checkout.payCash('10');
    await checkout.completeSale();
    await receipt.receipt().waitFor(SOON);
    expect(await receipt.earnedPoints()).toBe(30);
    await expect.poll(() => receipt.newBalance(), SOON).toBe(30);
    const saleId = await receipt.receipt().getAttribute('data-sale-id');
    receiptCode = (await checkout.page.getByTestId('receipt-code-text').textContent()) ?? '';
    expect(receiptCode).toBe(`KASSA-R:store-demo-ams:${till.terminalId}:${saleId}`);
    await receipt.close().click();
    await expect.poll(() => panel.memberId(), SOON).toBeNull();
  });

  it('takes back what the coffee earned with the multiplier (26), shown before confirming and on the return receipt', async () => {
    const { checkout, panel } = till;
    const returns = new ReturnsPage(checkout.page);
    // With a sale open, a receipt's code is refused: a return is its own event.
    await checkout.wedgeScan(MILK.code);
    await expect.poll(() => checkout.lines().count(), SOON).toBe(1);
    await checkout.wedgeScan(receiptCode);
    await checkout.alert().waitFor(SOON);
    expect(await checkout.alert().textContent()).toContain('open verkoop');
    expect(await returns.screen().count()).toBe(0);
    expect(await returns.open().isDisabled()).toBe(true);
    await checkout.lines().first().getByTestId('line-remove').click();
    await expect.poll(() => checkout.lines().count(), SOON).toBe(0);
    // The receipt's code scanned with the basket empty opens its sale.
    await checkout.wedgeScan(receiptCode);
    await returns.sale().waitFor(SOON);
    expect(receiptCode).toContain(await returns.sale().getAttribute('data-sale-id'));
    expect(await returns.returnable('Douwe Egberts')).toBe(1);
    expect(await returns.returnable('Campina')).toBe(1);
    expect(await returns.confirm().isDisabled()).toBe(true);

    await returns.typeQuantity('Douwe Egberts', '1');
    await returns.reason().selectOption('unwanted');
    // The milk kept earns 2 × 1 = 2, ×2 = 4 of the 30: 26 come back; 30 − 26 = 4 left.
    await expect.poll(() => returns.planTaken(), SOON).toBe(26);
    expect(await returns.planBalance()).toBe(4);
    expect(await returns.planTotalCents()).toBe(669);
    await returns.confirm().click();

    await returns.receipt().waitFor(SOON);
    expect(await returns.receiptTaken()).toBe(26);
    await expect.poll(() => returns.receiptBalance(), SOON).toBe(4);
    // The money back goes back as it came: cash, €6.69.
    const refunds = returns.receiptRefunds();
    expect(await refunds.count()).toBe(1);
    expect(await refunds.first().getAttribute('data-method')).toBe('cash');
    expect(digits(await refunds.first().textContent())).toBe('669');
    await returns.receiptClose().click();
    await expect.poll(() => returns.screen().count(), SOON).toBe(0);

    // The member's balance at the till counts the return at once.
    await checkout.wedgeScan(THOMAS.card);
    await expect.poll(() => panel.memberId(), SOON).toBe(THOMAS.memberId);
    await expect.poll(() => panel.balance(), SOON).toBe(4);
    await panel.remove().click();
  });

  it('after sync the server’s balance agrees: 30 earned, 26 taken back', async () => {
    await till.checkout.waitSynced();
    await expect.poll(async () => (await server.member(THOMAS.card)).member.balance, FOLDED).toBe(4);
    const { ledger } = await server.member(THOMAS.card);
    const points = ledger.filter((e) => e.account === 'points');
    expect(points.filter((e) => e.amount > 0).reduce((n, e) => n + e.amount, 0)).toBe(30);
    expect(points.filter((e) => e.amount < 0).reduce((n, e) => n + e.amount, 0)).toBe(-26);
  });

  it('the same sale at a second till: found online, only the milk is left to return (4 points)', async () => {
    const second = await openDatedTill(browser, server);
    try {
      const returns = new ReturnsPage(second.checkout.page);
      await returns.open().click();
      await returns.code().fill(receiptCode);
      await returns.find().click();
      await returns.sale().waitFor(SOON);
      expect(await returns.returnable('Douwe Egberts')).toBe(0);
      expect(await returns.returnable('Campina')).toBe(1);
      await returns.typeQuantity('Campina', '1');
      await returns.reason().selectOption('defective');
      // All of the sale back now: the 4 points left of the 30 come back too.
      await expect.poll(() => returns.planTaken(), SOON).toBe(4);
      await returns.confirm().click();
      await returns.receipt().waitFor(SOON);
      expect(await returns.receiptTaken()).toBe(4);
      await second.checkout.waitSynced();
      await expect.poll(async () => (await server.member(THOMAS.card)).member.balance, FOLDED).toBe(0);

      // Offline, another till's sale cannot be found: the till says the network is needed.
      await returns.receiptClose().click();
      await second.context.setOffline(true);
      await returns.open().click();
      await returns.code().fill(receiptCode);
      await returns.find().click();
      await expect.poll(() => returns.message().getAttribute('role'), SOON).toBe('alert');
      expect(await returns.message().textContent()).toContain('andere kassa');
      expect(await returns.sale().count()).toBe(0);
    } finally {
      await second.close();
    }
  });
});
