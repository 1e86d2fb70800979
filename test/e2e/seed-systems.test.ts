import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { referralCodeOf } from '../../core/loyalty/referral-code';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import {
  DEMO_CARD,
  demoCardNumber,
  demoMemberId,
  SEED_SYSTEM_MEMBERS,
  seedSystemCard,
} from '../../sync-server/src/demo/demo-members';
import { launchChromium } from './support/browser';
import { startDatedSyncServer, type DatedSyncServer } from './support/dated-sync-server';
import { openDatedTill, type DatedTill } from './support/dated-till';

/**
 * Each seed system of issue 8 at the till, with the demo programs (sync-server/programs/demo/) and
 * the demo members that exercise them: a card scanned through the wedge path, a basket rung up,
 * the points, line discounts and total the panel shows, the receipt's points and new balance.
 * Hand-computed (the arithmetic beside each number; the same cases are unit-tested in
 * test/unit/sync-server/demo-loyalty.test.ts). Numbers and program names are read through
 * data-testids and the rule names HQ wrote, never the till's sentences (those are localised).
 *
 * The calendar is fixed: the server's clock starts on Wednesday 25 November 2026 at 11:58 in
 * Amsterdam (it seeds the demo then: Johanna's birthday month is November, Roos enrolled on
 * 25 November 2024), the till's Date runs on the server's time, and the weekend case
 * moves the till to Saturday 28 November — the sale's own time is what the server re-evaluates.
 */
const WED = Date.UTC(2026, 10, 25, 10, 58);
const SAT_NOON = Date.UTC(2026, 10, 28, 11);
const DAY = 86_400_000;
/** The member replica, the feed and the fold: a few seconds on a busy machine. */
const SOON = { timeout: 15_000 };
/** A sale synced, re-evaluated and folded on the server. */
const FOLDED = { timeout: 60_000 };

const catalogue = demoCatalogue();
const code = (name: string): string => {
  const p = catalogue.find((x) => x.name === name);
  if (!p) throw new Error(`no "${name}" in the demo catalogue`);
  return p.code;
};
const COFFEE = code('Douwe Egberts Aroma rood filterkoffie 500 g'); // €6.69, Koffie & Thee
const MILK = code('Campina Halfvolle melk 1 L'); // €1.29
const KASSA_MILK = code('Kassa Volle melk 1 L'); // €1.09, house brand
const HEINEKEN = code('Heineken Pils 6 x 330 ml'); // €5.99
const HEINEKEN_CRATE = code('Heineken Pils krat 24 x 300 ml'); // €10.19
const WATER = code('Spa Mineraalwater koolzuurvrij 1,5 L'); // €0.99, Frisdrank & Sap
const CAT_FOOD = code('Whiskas Kattenvoer brokjes 950 g'); // €4.99, Dier
const SHOWER_GEL = code('Nivea Douchegel 250 ml'); // €3.19, Drogisterij
const SHAMPOO = code('Andrélon Shampoo 300 ml'); // €4.29, Drogisterij

const fob = (n: number) => demoCardNumber('kassa-fob', n);
/** The card to scan and the member it identifies: a demo fob, or a seed system's member. */
const fobMember = (n: number) => ({ card: fob(n), memberId: demoMemberId(n) });
const seedMember = (role: keyof typeof SEED_SYSTEM_MEMBERS) => ({
  card: seedSystemCard(role),
  memberId: demoMemberId(SEED_SYSTEM_MEMBERS[role]),
});
/** Demo members 1–20 used here: plain, Gold, coffee lover (no birthday or anniversary this week). */
const THOMAS = 10; // no tier, no segment
const LUCAS = 6; // Gold
const BRAM = 8; // `coffee` segment
const SEM = 12; // no tier, no segment

let server: DatedSyncServer;
let browser: Browser;
let till: DatedTill;

beforeAll(async () => {
  server = await startDatedSyncServer(WED);
  // Two run-club evenings before today (HQ's integration posts them): 20 points each, 2 of 3 runs.
  for (const [i, key] of ['nina-run-1', 'nina-run-2'].entries()) {
    const r = await server.postEvent({
      card: seedSystemCard('move'),
      type: 'event-attendance',
      ref: 'run-club-vondelpark',
      key,
      at: WED - (2 - i) * DAY,
    });
    expect(r.points).toBe(20);
  }
  browser = await launchChromium();
  till = await openDatedTill(browser, server);
});
afterAll(async () => {
  await till?.close();
  await browser?.close();
  await server?.close();
});

interface Sale {
  card: string;
  memberId: string;
  /** Codes to scan, in order; a code scanned again adds one to its line. */
  scans: string[];
  /** Spendable balance shown before the sale. */
  opening: number;
  points: number;
  /** What the panel's total says is to pay, in cents. */
  toPayCents: number;
  /** Per basket line (in scan order), the loyalty discount in cents (0 for none). */
  discounts?: number[];
  /** Rule names (as HQ wrote them) that must be among the trace lines. */
  rules: string[];
  /**
   * The customer rounds up at the tender (TOMS-style): the toggle the programs offer, the amount
   * due with the donation, and the donation the receipt shows beside the goods' total.
   */
  roundUp?: { amountDueCents: number; donationCents: number };
  /**
   * Points the server adds by itself once the sale is in (a referral's welcome): the receipt's new
   * balance may already include them, as the sale syncs while the receipt is open.
   */
  serverAdds?: number;
}

const digits = (s: string | null) => (s ?? '').replace(/\D/g, '');
/** The member's balance as the server's ledger has it. */
const serverBalance = async (card: string) => (await server.member(card)).member.balance;

/** An empty sale with nobody on it, whatever the test before left (one failure stays one). */
async function resetTill(): Promise<void> {
  const { checkout, panel, receipt } = till;
  if ((await receipt.receipt().count()) > 0) await receipt.close().click();
  while ((await checkout.lines().count()) > 0)
    await checkout.lines().first().getByTestId('line-remove').click();
  if ((await panel.remove().count()) > 0) await panel.remove().click();
  await expect.poll(() => panel.memberId(), SOON).toBeNull();
}

/** Identify, ring up, check the live panel, pay cash, check the receipt; leaves the till empty. */
async function ringUp(s: Sale): Promise<void> {
  const { checkout, panel, receipt } = till;
  await checkout.wedgeScan(s.card);
  await expect
    .poll(() => panel.memberId(), SOON)
    .toBe(s.memberId)
    .catch(async (e: Error) => {
      const said = await checkout.message().allTextContents();
      throw new Error(`${e.message}; the till said: ${said.join(' | ')}`);
    });
  await expect.poll(() => panel.balance(), SOON).toBe(s.opening);
  for (const c of s.scans) await checkout.wedgeScan(c);
  await expect.poll(() => checkout.lines().count(), SOON).toBe(new Set(s.scans).size);
  await expect.poll(() => checkout.total().getAttribute('data-cents'), SOON).toBe(String(s.toPayCents));
  await expect.poll(() => panel.earnedPoints(), SOON).toBe(s.points);
  if (s.discounts) {
    const shown = await checkout
      .lines()
      .evaluateAll((rows) =>
        rows.map((r) =>
          Number(r.querySelector('[data-testid="line-discount"]')?.getAttribute('data-cents') ?? 0),
        ),
      );
    expect(shown).toEqual(s.discounts);
  }
  const trace = await panel.traceLines().allTextContents();
  for (const rule of s.rules)
    expect(
      trace.some((t) => t.includes(rule)),
      `${rule} in ${trace.join(' | ')}`,
    ).toBe(true);

  const { page } = checkout;
  if (s.roundUp) {
    const toggle = page.getByTestId('round-up');
    await expect.poll(() => toggle.getAttribute('aria-pressed'), SOON).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed'), SOON).toBe('true');
    await expect
      .poll(() => page.getByTestId('amount-due').getAttribute('data-cents'), SOON)
      .toBe(String(s.roundUp.amountDueCents));
  }
  const due = s.roundUp?.amountDueCents ?? s.toPayCents;
  await checkout.payCash('100');
  await expect
    .poll(async () => digits(await checkout.changeDue().textContent()), SOON)
    .toBe(String(10_000 - due));
  await checkout.completeSale();
  await receipt.receipt().waitFor(SOON);
  expect(digits(await receipt.total().textContent())).toBe(String(s.toPayCents));
  const donations = await receipt.receipt().getByTestId('receipt-donation').allTextContents();
  expect(donations.map((d) => Number(digits(d)))).toEqual(s.roundUp ? [s.roundUp.donationCents] : []);
  if (s.roundUp) expect(donations[0]).toContain('Voedselbank');
  expect(await receipt.earnedPoints()).toBe(s.points);
  const after = s.opening + s.points;
  await expect
    .poll(() => receipt.newBalance(), SOON)
    .toSatisfy((b) => b === after || (s.serverAdds !== undefined && b === after + s.serverAdds));
  await receipt.close().click();
  await expect.poll(() => checkout.lines().count(), SOON).toBe(0);
  expect(await panel.memberId()).toBeNull();
}

describe('the seed systems at the till (Wednesday 25 November 2026, Amsterdam)', () => {
  beforeEach(resetTill);

  it('Starbucks-style stars: 2 points per euro', async () => {
    // €6.69 + €1.29 = €7.98 → 15.96 → 15.
    await ringUp({
      ...fobMember(THOMAS),
      scans: [COFFEE, MILK],
      opening: 0,
      points: 15,
      toPayCents: 798,
      rules: ['2 points per euro'],
    });
  });

  it('Bonvoy-style tier ladder: Gold earns 1.5× the base and has 10% off coffee', async () => {
    // Coffee €6.69 − 10% (66.9 → 67) = €6.02, + €1.29 = €7.31: 14 base + Gold 14 × 0.5 = 7: 21.
    await ringUp({
      ...fobMember(LUCAS),
      scans: [COFFEE, MILK],
      opening: 0,
      points: 21,
      toPayCents: 731,
      discounts: [67, 0],
      rules: ['2 points per euro', 'Tier bonus', 'Gold benefit: 10% off coffee and tea'],
    });
  });

  it('TOMS-style one for one and round-up: a bag of pet food for every 2 bought, the change for the Voedselbank', async () => {
    // 3 × €4.99 = €14.97 → 29.94 → 29 points; 3 / 2 → 1 bag to the Dierenvoedselbank. Sem rounds
    // up to €15.00: €0.03 for the Voedselbank on top of the goods (no points on it), €85.00 change.
    await ringUp({
      ...fobMember(SEM),
      scans: [CAT_FOOD, CAT_FOOD, CAT_FOOD],
      opening: 0,
      points: 29,
      toPayCents: 1497,
      rules: ['One for one: a bag of pet food for the Dierenvoedselbank for every 2 you buy'],
      roundUp: { amountDueCents: 1500, donationCents: 3 },
    });
    // The server folds it with the donation beside the total (not revenue), and its own
    // evaluation, with the customer's round-up, finds what the till found: no drift.
    await till.checkout.waitSynced();
    // The ledger folds after the re-evaluation: once Sem's points are in, so is any drift.
    await expect.poll(() => serverBalance(fob(SEM)), FOLDED).toBe(29);
    const sale = (await server.sales(till.terminalId)).find((x) => x.totalCents === 1497);
    expect(sale).toMatchObject({ donationCents: 3, payments: [{ amountCents: 1500, changeCents: 8500 }] });
    expect(await server.exceptions(till.terminalId)).toEqual([]);
  });

  it('Amazon Prime-style paid membership: member prices for the `prime` segment', async () => {
    // Coffee at the Prime price €5.49 (−120); Kassa milk €1.09 − 10% (10.9 → 11) = €0.98.
    // €6.47 to pay → 12.94 → 12 points.
    await ringUp({
      ...seedMember('prime'),
      scans: [COFFEE, KASSA_MILK],
      opening: 0,
      points: 12,
      toPayCents: 647,
      discounts: [120, 11],
      rules: ['Prime price: Douwe Egberts filter coffee €5.49', 'Prime: 10% off the Kassa house brand'],
    });
  });

  it('Air Miles-style coalition: partner points for a linked card, on spend and the partner brand', async () => {
    // 2 × €5.99 = €11.98: base 23 (23.96), partner 1 per €5 → 2, Heineken 2 × 10 = 20: 45.
    await ringUp({
      ...seedMember('airMiles'),
      scans: [HEINEKEN, HEINEKEN],
      opening: 0,
      points: 45,
      toPayCents: 1198,
      rules: ['Air Miles partner: 1 point per €5', 'Air Miles partner brand: 10 points per Heineken'],
    });
  });

  it('Nike-style challenges and badges: run-club events earn, 4 drinks complete a challenge', async () => {
    const { checkout, panel } = till;
    // The two runs posted to /events: 2 × 20 = 40 points, 2 of 3 runs, shown before any sale.
    await checkout.wedgeScan(seedSystemCard('move'));
    await expect
      .poll(() => panel.page.getByTestId('member-challenges').textContent(), SOON)
      .toContain('three-runs: 2');
    await panel.remove().click();
    // 4 × €0.99 = €3.96 → 7.92 → 7 points; the 4th drink earns the Hydrated badge.
    await ringUp({
      ...seedMember('move'),
      scans: [WATER, WATER, WATER, WATER],
      opening: 40,
      points: 7,
      toPayCents: 396,
      rules: ['Hydration challenge: 4 drinks for the Hydrated badge'],
    });
    // Once the server has folded the sale, the member's badges come back with it.
    await checkout.waitSynced();
    await checkout.wedgeScan(seedSystemCard('move'));
    await expect.poll(() => panel.page.getByTestId('member-badges').textContent(), FOLDED).toBe('hydrate');
    await panel.remove().click();
  });

  it('Dropbox/Xero-style referral: the friend’s first purchase earns both sides', async () => {
    // Yara, referred by Jesse (the demo seed records the link, as her enrolment with his code
    // would), on her first purchase: 15 base at the till.
    await ringUp({
      ...seedMember('referee'),
      scans: [COFFEE, MILK],
      opening: 0,
      points: 15,
      toPayCents: 798,
      rules: [],
      serverAdds: 250,
    });
    // Once her sale is folded, the server rewards both sides by itself, nobody posts an event:
    // Yara's welcome (250) and Jesse's thanks (250).
    await till.checkout.waitSynced();
    await expect.poll(() => serverBalance(seedSystemCard('referee')), FOLDED).toBe(265);
    expect(await serverBalance(seedSystemCard('referrer'))).toBe(250);
    await till.checkout.wedgeScan(seedSystemCard('referrer'));
    await expect.poll(() => till.panel.balance(), FOLDED).toBe(250);
    // Jesse's own code, to give to the next friend, is on his panel.
    await expect
      .poll(() => till.panel.referralCode().textContent(), SOON)
      .toBe(referralCodeOf(demoMemberId(SEED_SYSTEM_MEMBERS.referrer)));
    await till.panel.remove().click();
  });

  it('Sephora-style personalised offer: 25 bonus points on coffee for the `coffee` segment', async () => {
    // 15 base + 25 = 40.
    await ringUp({
      ...fobMember(BRAM),
      scans: [COFFEE, MILK],
      opening: 0,
      points: 40,
      toPayCents: 798,
      rules: ['Coffee lovers: 25 bonus points on coffee and tea'],
    });
  });

  it('Delta/AmEx-style member-only offer: €5 off €25 for the `amex` segment', async () => {
    // 2 × €10.19 + €6.69 = €27.07; €5 spread by amount: 2038/2707 × 500 → 376, coffee 124.
    // €22.07 to pay → 44.14 → 44.
    await ringUp({
      ...seedMember('amex'),
      scans: [HEINEKEN_CRATE, HEINEKEN_CRATE, COFFEE],
      opening: 0,
      points: 44,
      toPayCents: 2207,
      discounts: [376, 124],
      rules: ['Card member offer: €5 off when you spend €25'],
    });
  });

  it('Lululemon-style eligibility: 20% off personal care for verified trainers only', async () => {
    // €3.19 + €4.29 = €7.48; 20%: 63.8 → 64, 85.8 → 86; €5.98 → 11.96 → 11.
    await ringUp({
      ...seedMember('verifiedTrainer'),
      scans: [SHOWER_GEL, SHAMPOO],
      opening: 0,
      points: 11,
      toPayCents: 598,
      discounts: [64, 86],
      rules: ['Verified trainers: 20% off personal care'],
    });
    // The same basket for a member who is not verified: the shelf price, 14.96 → 14 points.
    const { checkout, panel } = till;
    await checkout.wedgeScan(fob(THOMAS));
    await expect.poll(() => panel.memberId(), SOON).toBe(demoMemberId(THOMAS));
    await checkout.wedgeScan(SHOWER_GEL);
    await checkout.wedgeScan(SHAMPOO);
    await expect.poll(() => panel.earnedPoints(), SOON).toBe(14);
    expect(await checkout.total().getAttribute('data-cents')).toBe('748');
    // Nothing bought: the lines and the member come off again.
    await resetTill();
  });

  it('Xoxoday-style time milestones: the birthday month and the anniversary of enrolment', async () => {
    // Johanna (Gold, birthday in November): milk €1.29 → 2 base, Gold +1 (2 × 0.5), +100 birthday = 103.
    await ringUp({
      card: DEMO_CARD,
      memberId: demoMemberId(1),
      scans: [MILK],
      opening: 0,
      points: 103,
      toPayCents: 129,
      rules: ['Happy birthday month: 100 bonus points'],
    });
    // Roos enrolled on 25 November 2024: 730 days today, 15 base + 200 = 215.
    await ringUp({
      ...seedMember('anniversary'),
      scans: [COFFEE, MILK],
      opening: 0,
      points: 215,
      toPayCents: 798,
      rules: ['Two years with Kassa: 200 points'],
    });
  });

  it('Voucherify-style time window: double points on Saturday, as the server re-evaluates it', async () => {
    await till.setTime(SAT_NOON);
    // Thomas again: 15 base + 2× (+15) = 30, on top of Wednesday's 15.
    await ringUp({
      ...fobMember(THOMAS),
      scans: [COFFEE, MILK],
      opening: 15,
      points: 30,
      toPayCents: 798,
      rules: ['Weekend double points'],
    });
    await till.checkout.waitSynced();
    // The server folds the sale as the till recorded it (Saturday): 15 + 30 = 45, no rule drift.
    await expect.poll(() => serverBalance(fob(THOMAS)), FOLDED).toBe(45);
    // Every sale of this test on the server, in the till's order, with its total after discounts.
    const sales = [...(await server.sales(till.terminalId))].sort((a, b) => a.seq - b.seq);
    expect(sales.map((s) => s.totalCents)).toEqual([
      798, 731, 1497, 647, 1198, 396, 798, 798, 2207, 598, 129, 798, 798,
    ]);
    // The server re-evaluated every sale at the time it was made and found what the till found.
    expect(await server.exceptions(till.terminalId)).toEqual([]);
  });

  it('a second till of the same store sees the new balance once the first till’s sale is synced', async () => {
    await till.close();
    const second = await openDatedTill(browser, server);
    try {
      // Johanna's 103 from the birthday sale on the first till; Nina's 40 + 7.
      await second.checkout.wedgeScan(DEMO_CARD);
      await expect.poll(() => second.panel.balance(), SOON).toBe(103);
      expect(await second.panel.unsyncedPoints()).toBe(0);
      await second.panel.remove().click();
      await second.checkout.wedgeScan(seedSystemCard('move'));
      await expect.poll(() => second.panel.balance(), SOON).toBe(47);
    } finally {
      await second.close();
    }
  });
});
