import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CARD, demoCardNumber, demoMemberId } from '../../sync-server/src/demo/demo-members';
import { DEMO_REWARDS } from '../../sync-server/src/demo/demo-rewards';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { MemberPanel } from './pages/member-panel';
import { ReceiptView } from './pages/receipt';
import { openPairedTill, type Till } from './support/till';

const catalogue = demoCatalogue();
const each = catalogue.filter((p) => p.unit === 'each' && p.code.length === 13);
const [milk, cheese] = each as [(typeof each)[0], (typeof each)[0]];
const JOHANNA = demoMemberId(1);
/** The member replica and the evaluation follow IndexedDB and the feed: a few seconds on a busy machine. */
const SOON = { timeout: 10_000 };

/**
 * What a trace line says before " — <rule name>" (the names are HQ's, as written, English in the
 * demo): on the demo's Dutch till that part is Dutch ("+36 punten", "Gold 1,5× punten (+18)").
 */
const said = (lines: string[]) => lines.map((l) => l.replace(/\u00a0/g, ' ').split(' — ')[0] ?? '');
const ENGLISH = /\b(points?|stamps?|Spend|Add|Not applied|off|Card complete|Coupon for)\b/;

let till: Till;
let panel: MemberPanel;
beforeAll(async () => {
  till = await openPairedTill();
  panel = new MemberPanel(till.checkout.page);
});
afterAll(async () => {
  await till?.close();
});

describe('loyalty at the till', () => {
  let opening = 0;
  let firstSale = 0;

  it('a scanned demo card shows the member with their balance', async () => {
    const { checkout } = till;
    await checkout.waitSynced();
    await checkout.wedgeScan(DEMO_CARD);
    await expect.poll(() => panel.memberId(), SOON).toBe(JOHANNA);
    // Masked by the server: the till never holds the full name.
    expect(await panel.name().textContent()).toBe('J. de V…');
    expect(await panel.tier().textContent()).toBe('Gold');
    opening = (await panel.balance()) ?? NaN;
    expect(opening).toBeGreaterThanOrEqual(0);
  });

  it('the basket earns live, with the trace lines, and the sale reaches the server with the member', async () => {
    const { checkout, server } = till;
    await checkout.wedgeScan(milk.code);
    await checkout.wedgeScan(cheese.code);
    await expect.poll(() => checkout.lines().count(), SOON).toBe(2);
    await expect.poll(() => panel.earnedPoints(), SOON).toBeGreaterThan(0);
    expect(await panel.traceLines().count()).toBeGreaterThan(0);
    const trace = said(await panel.traceLines().allTextContents());
    expect(trace, trace.join(' | ')).toContainEqual(expect.stringMatching(/^\+[\d.]+ punten$/));
    for (const line of trace) expect(line).not.toMatch(ENGLISH);
    expect(await panel.earns().textContent()).toMatch(/^\+[\d.]+ punten$/);
    firstSale = await panel.earnedPoints();

    await checkout.payCash('100');
    await checkout.completeSale();
    await expect.poll(() => checkout.lines().count(), SOON).toBe(0);
    expect(await panel.memberId()).toBeNull();

    // The receipt: both lines, the change, the points with their reasons and the new balance.
    const receipt = new ReceiptView(checkout.page);
    await receipt.receipt().waitFor(SOON);
    expect(await receipt.lines().count()).toBe(2);
    expect(await receipt.earnedPoints()).toBe(firstSale);
    const reasons = said(await receipt.reasons().allTextContents());
    expect(reasons, reasons.join(' | ')).toEqual(trace);
    await expect.poll(() => receipt.newBalance(), SOON).toBe(opening + firstSale);
    expect(await receipt.change().textContent()).toMatch(/\d/);
    await receipt.close().click();
    expect(await receipt.receipt().count()).toBe(0);
    await checkout.waitSynced();
    await expect
      .poll(async () => (await server.sales(till.terminalId)).map((s) => s.memberId), SOON)
      .toEqual([JOHANNA]);
  });

  it('offline, the balance includes the unsynced sale; after sync it is the same number, not doubled', async () => {
    const { checkout, server } = till;
    await server.stop();
    await expect.poll(() => checkout.syncStateValue(), { timeout: 15_000 }).toBe('offline');

    await checkout.wedgeScan(DEMO_CARD);
    await expect.poll(() => panel.balance(), SOON).toBe(opening + firstSale);
    await checkout.wedgeScan(milk.code);
    await expect.poll(() => panel.earnedPoints(), SOON).toBeGreaterThan(0);
    const secondSale = await panel.earnedPoints();
    await checkout.payCash('100');
    await checkout.completeSale();
    await expect.poll(() => checkout.lines().count(), SOON).toBe(0);

    await checkout.wedgeScan(DEMO_CARD);
    const expected = opening + firstSale + secondSale;
    await expect.poll(() => panel.balance(), SOON).toBe(expected);
    expect(await panel.unsyncedPoints()).toBeGreaterThanOrEqual(secondSale);

    await server.start();
    await checkout.waitSynced();
    // The server's ledger projection folds the sale and the member document comes back with it:
    // nothing of this till is unsynced any more, and the number has not moved.
    await expect.poll(() => panel.unsyncedPoints(), { timeout: 60_000 }).toBe(0);
    expect(await panel.balance()).toBe(expected);
  });

  it('shows what the demo member can redeem, and a Silver member’s way to Gold on the points ladder, after this sale and on the receipt', async () => {
    const { checkout } = till;
    const page = checkout.page;
    // Johanna (Gold, coffee lover) is on the sale with the points of her two sales.
    const balance = (await panel.balance()) ?? NaN;
    const forJohanna = DEMO_REWARDS.filter(
      (r) =>
        !r.onlyWhenUnlocked &&
        (!r.eligibility?.tiers || r.eligibility.tiers.includes('Gold')) &&
        (!r.eligibility?.segments || r.eligibility.segments.includes('coffee')),
    ).sort((a, b) => a.cost.points - b.cost.points || a.id.localeCompare(b.id));
    const redeemable = forJohanna.filter((r) => r.cost.points <= balance).map((r) => r.id);
    const next = forJohanna.find((r) => r.cost.points > balance);
    // The demo's cheapest reward is within reach of a first sale; the rest is still to earn.
    expect(redeemable.length).toBeGreaterThan(0);
    const shown = () =>
      page
        .getByTestId('member-reward')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-reward-id')));
    await expect.poll(shown, SOON).toEqual(redeemable);
    const within = page.getByTestId('member-reward-next');
    expect(await within.getAttribute('data-reward-id')).toBe(next?.id);
    expect(Number(await within.getAttribute('data-to-go'))).toBe((next?.cost.points ?? 0) - balance);
    expect(await within.textContent()).toMatch(/: nog [\d.]+ punten te gaan$/);
    // Gold is the top of the demo ladder: there is no next tier to show.
    expect(await page.getByTestId('member-tier-progress').count()).toBe(0);

    // Pieter: Silver, nothing earned this calendar year: all of Gold's 3,000 points still to go.
    await panel.remove().click();
    await checkout.wedgeScan(demoCardNumber('kassa-fob', 2));
    await expect.poll(() => panel.memberId(), SOON).toBe(demoMemberId(2));
    const progress = page.getByTestId('member-tier-progress');
    await expect.poll(() => progress.getAttribute('data-remaining'), SOON).toBe('3000');
    expect(await progress.textContent()).toMatch(/Nog 3\.000 punten tot Gold/);
    // The basket's points count toward it: "after this sale".
    await checkout.wedgeScan(milk.code);
    await expect.poll(() => panel.earnedPoints(), SOON).toBeGreaterThan(0);
    const earns = await panel.earnedPoints();
    const after = page.getByTestId('member-tier-after-sale');
    await expect.poll(() => after.getAttribute('data-remaining'), SOON).toBe(String(3000 - earns));
    expect(await after.textContent()).toMatch(/^na deze verkoop: nog [\d.]+ punten tot Gold$/);
    // The receipt says the same way to Gold, with this sale counted.
    await checkout.payCash('100');
    await checkout.completeSale();
    const receipt = new ReceiptView(checkout.page);
    await receipt.receipt().waitFor(SOON);
    const toGold = (3000 - earns).toLocaleString('nl-NL');
    await expect.poll(() => receipt.tierProgress().textContent(), SOON).toBe(`Nog ${toGold} punten tot Gold`);
    await receipt.close().click();
  });
});
