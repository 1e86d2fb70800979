import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardNumberOf, DEMO_CARD_SERIES } from '../../core/loyalty/card-range';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { DEMO_CARD, demoCardNumber } from '../../sync-server/src/demo/demo-members';
import { EnrolmentForm } from './pages/enrolment-form';
import { MemberPanel } from './pages/member-panel';
import { openPairedTill, type Till } from './support/till';

const each = demoCatalogue().filter((p) => p.unit === 'each' && p.code.length === 13);
const [milk, cheese] = each as [(typeof each)[0], (typeof each)[0]];
/** Cards of the demo fob format that no demo member holds: the store's stock of new cards. */
const NEW_CARD = demoCardNumber('kassa-fob', 900);
const STRANGER_CARD = demoCardNumber('kassa-fob', 901);
const SOON = { timeout: 10_000 };

let till: Till;
let panel: MemberPanel;
let form: EnrolmentForm;
beforeAll(async () => {
  till = await openPairedTill();
  panel = new MemberPanel(till.checkout.page);
  form = new EnrolmentForm(till.checkout.page);
});
afterAll(async () => {
  await till?.close();
});

describe('members at the till: look-up and enrolment', () => {
  it('online, a card the server does not know is an unknown card, not a member', async () => {
    const { checkout } = till;
    await checkout.wedgeScan(STRANGER_CARD);
    await expect
      .poll(() => till.page.getByTestId('member-notice').textContent(), SOON)
      .toContain(STRANGER_CARD);
    expect(await panel.memberId()).toBeNull();
  });

  let memberId = '';
  let earned = 0;
  it('offline, a new member is enrolled with a card from the stock and earns on that very sale', async () => {
    const { checkout, server } = till;
    await server.stop();
    await expect.poll(() => checkout.syncStateValue(), { timeout: 15_000 }).toBe('offline');

    await form.open();
    // The demo store is Dutch: its consent text version is shown with the consents.
    expect(await form.consentVersion().getAttribute('data-version')).toBe('nl-2026-11');
    await form.submit();
    await expect.poll(() => form.error('fullName').count()).toBe(1);
    expect(await form.error('dataProcessing').count()).toBe(1);

    await form.fill({ fullName: 'Marieke van Dam', phone: '06 1111 2299', dataProcessing: true });
    // A card a member already holds is refused as soon as it is scanned into the form.
    await checkout.wedgeScan(DEMO_CARD);
    await expect.poll(() => form.field('card').inputValue(), SOON).toBe(DEMO_CARD);
    expect(await form.error('card').count()).toBe(1);
    expect(await panel.memberId()).toBeNull();
    await checkout.wedgeScan(NEW_CARD);
    await expect.poll(() => form.field('card').inputValue(), SOON).toBe(NEW_CARD);
    expect(await form.error('card').count()).toBe(0);
    await form.submit();

    await expect.poll(() => panel.memberId(), SOON).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    memberId = (await panel.memberId()) ?? '';
    expect(await panel.name().textContent()).toBe('M. van D…');
    expect(await panel.balance()).toBe(0);
    expect(await form.form().count()).toBe(0);

    await checkout.wedgeScan(milk.code);
    await checkout.wedgeScan(cheese.code);
    await expect.poll(() => panel.earnedPoints(), SOON).toBeGreaterThan(0);
    earned = await panel.earnedPoints();
    await checkout.payCash('100');
    await checkout.completeSale();
    await expect.poll(() => checkout.lines().count(), SOON).toBe(0);

    // Scanned again before any sync, the new card is the new member with the sale's points.
    await checkout.wedgeScan(NEW_CARD);
    await expect.poll(() => panel.memberId(), SOON).toBe(memberId);
    await expect.poll(() => panel.balance(), SOON).toBe(earned);
    await panel.remove().click();
  });

  it('after sync the server has the member, with that sale’s points in the ledger', async () => {
    const { checkout, server } = till;
    await server.start();
    await checkout.waitSynced(60_000);
    await expect
      .poll(async () => (await server.member(NEW_CARD))?.member.memberId, { timeout: 30_000 })
      .toBe(memberId);
    await expect
      .poll(
        async () => {
          const m = await server.member(NEW_CARD);
          return (m?.ledger ?? [])
            .filter((l) => l.account === 'points' && l.terminalId === till.terminalId)
            .reduce((n, l) => n + l.amount, 0);
        },
        { timeout: 30_000 },
      )
      .toBe(earned);
    const shown = await server.member(NEW_CARD);
    expect(shown?.member).toMatchObject({ fullName: 'Marieke van Dam', cards: [NEW_CARD], optedIn: false });
    expect((await server.sales(till.terminalId)).map((s) => s.memberId)).toEqual([memberId]);
  });

  it('offline, a new number of the till’s range is the card and earns; synced, the next; reloaded, never again', async () => {
    const { checkout, server, page } = till;
    // The till got its first block when it started online: the series' first numbers are its.
    const nth = (n: number) => cardNumberOf(DEMO_CARD_SERIES.format, DEMO_CARD_SERIES.firstSerial + n);
    await server.stop();
    await expect.poll(() => checkout.syncStateValue(), { timeout: 15_000 }).toBe('offline');

    await form.open();
    await form.fill({ fullName: 'Ioana Radu', dataProcessing: true });
    const first = await form.issueNewNumber();
    expect(first).toBe(nth(0));
    // Shown large, grouped by four for writing on a paper card.
    expect(await form.newNumber().textContent()).toBe(first.replace(/(\d{4})(?=\d)/g, '$1 '));
    await form.submit();
    await expect.poll(() => panel.memberId(), SOON).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const memberId = (await panel.memberId()) ?? '';
    await checkout.wedgeScan(milk.code);
    await expect.poll(() => panel.earnedPoints(), SOON).toBeGreaterThan(0);
    const earned = await panel.earnedPoints();
    await checkout.payCash('100');
    await checkout.completeSale();
    await expect.poll(() => checkout.lines().count(), SOON).toBe(0);
    // The number typed in later (a paper card has no barcode) is the new member.
    await checkout.typeCode(first);
    await expect.poll(() => panel.memberId(), SOON).toBe(memberId);
    await panel.remove().click();

    await server.start();
    await checkout.waitSynced(60_000);
    await expect
      .poll(async () => (await server.member(first))?.member.memberId, { timeout: 30_000 })
      .toBe(memberId);
    await expect
      .poll(
        async () => {
          const m = await server.member(first);
          return (m?.ledger ?? []).filter((l) => l.account === 'points').reduce((n, l) => n + l.amount, 0);
        },
        { timeout: 30_000 },
      )
      .toBe(earned);
    expect((await server.member(first))?.member.cards).toEqual([first]);

    // Online, the second enrolment gets the next number.
    await form.open();
    await form.fill({ fullName: 'Andrei Pop', dataProcessing: true });
    expect(await form.issueNewNumber()).toBe(nth(1));
    await form.submit();
    await expect.poll(() => form.form().count(), SOON).toBe(0);
    await panel.remove().click();

    // A number shown and then lost to a reload (it may be on a paper card already) is skipped.
    await form.open();
    expect(await form.issueNewNumber()).toBe(nth(2));
    await page.reload();
    await checkout.waitSynced(60_000);
    await form.open();
    expect(await form.issueNewNumber()).toBe(nth(3));
    await expect
      .poll(async () => (await server.member(nth(1)))?.member.fullName, { timeout: 30_000 })
      .toBe('Andrei Pop');
    expect((await server.exceptions(till.terminalId)).map((x) => x.kind)).not.toContain('card-outside-range');
  });
});
