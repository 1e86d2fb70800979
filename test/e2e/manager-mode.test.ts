import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairResponse } from '../../core/sync/protocol';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { DEMO_MANAGERS } from '../../sync-server/src/demo/demo-managers';
import { ManagerModePage } from './pages/manager-mode-page';
import { pairTerminal, pushSalesWithGaps } from './support/other-terminals';
import { openPairedTill, type Till } from './support/till';

/*
 * Manager mode at the till (issue 10), in Chromium against the real sync server, on an English
 * till of the demo store: the cashier opens "Manager", a wrong PIN opens nothing and says so, the
 * demo manager's PIN opens the manager screen, and its "Sync status" tab shows the store's tills as
 * HQ sees them — this till, and a second till of the store that is missing seq 3 and says three
 * events still wait on it — but never a till of another store. Offline, the tab keeps HQ's last
 * answer and says when it was received.
 */

const SOON = { timeout: 15_000 };
const AMS = 'store-demo-ams';
const UTRECHT = 'store-demo-utr';
/** The demo's manager of the Amsterdam store, as seeded (sync-server/src/demo/demo-managers.ts). */
const SANNE = DEMO_MANAGERS.find((m) => m.storeId === AMS && m.name === 'Sanne de Vries');
if (!SANNE || SANNE.pin !== '1234') throw new Error('the demo seeds Sanne de Vries with PIN 1234');
const MILK = demoCatalogue().find((p) => p.name === 'Campina Halfvolle melk 1 L');
if (!MILK) throw new Error('no milk in the demo catalogue');

let till: Till;
let manager: ManagerModePage;
let kassa2: PairResponse;
let utrecht: PairResponse;

beforeAll(async () => {
  till = await openPairedTill({ locale: 'en-GB' });
  manager = new ManagerModePage(till.page);
  const server = { url: till.server.url, adminToken: till.server.adminToken };
  // A second till of the store: seqs 1, 2 and 4 arrived, 3 did not; it counted 6 waiting with the
  // push (the 3 it pushed among them), so 3 still wait on it.
  kassa2 = await pairTerminal(server, AMS, 'Kassa 2');
  await pushSalesWithGaps(server, kassa2, { last: 4, pushed: [1, 2, 4], pending: 6 });
  // A till of another store, which the Amsterdam manager must not see.
  utrecht = await pairTerminal(server, UTRECHT, 'Utrecht 1');
  await pushSalesWithGaps(server, utrecht, { last: 1, pushed: [1], pending: 1 });
  // This till sells once, so HQ has its seq 1.
  await till.checkout.wedgeScan(MILK.code);
  await till.checkout.line(MILK.code).waitFor(SOON);
  await till.page.getByTestId('tender-card').click();
  await till.checkout.completeSale();
  await till.page.getByTestId('receipt-close').click();
  await till.checkout.waitSynced();
}, 120_000);
afterAll(async () => {
  await till?.close();
});

describe('manager mode at the till', () => {
  it('a wrong PIN says so and opens nothing; Sanne’s PIN opens the manager screen on "Sync status"', async () => {
    await manager.enterPin(SANNE.name, '9999');
    await expect
      .poll(() => manager.pinProblem().textContent(), SOON)
      .toBe('Wrong PIN: 4 tries left before Sanne de Vries is locked out on this till.');
    expect(await manager.pinProblem().getAttribute('role')).toBe('alert');
    expect(await manager.screen().count()).toBe(0);
    expect(await manager.pinDialog().isVisible()).toBe(true);

    await manager.enterPin(SANNE.name, SANNE.pin);
    await manager.screen().waitFor(SOON);
    expect(await manager.pinDialog().count()).toBe(0);
    expect(await manager.managerName().textContent()).toBe('Manager: Sanne de Vries');
    expect(await manager.tab('Sync status').getAttribute('aria-selected')).toBe('true');
  });

  it('"Sync status" lists this till and the store’s second till with its waiting count, last seq and gap, and no till of another store', async () => {
    await manager.syncSummary().waitFor(SOON);
    const ids = await manager
      .tillRows()
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    expect(ids.sort()).toEqual(
      [till.terminalId, kassa2.terminalId].map((id) => `manager-sync-till-${id}`).sort(),
    );
    expect(await manager.tillRow(utrecht.terminalId).count()).toBe(0);
    expect(await manager.sync().textContent()).not.toContain('Utrecht 1');

    // This till: nothing waiting here once the wrong PIN (a pin-failure, seq 2) is at HQ; HQ is
    // complete up to it, after the one sale, and knows the till waits for nothing.
    await till.checkout.waitSynced();
    await manager.refresh().click();
    await expect
      .poll(async () => (await manager.tillCells(till.terminalId))['Complete up to'], SOON)
      .toBe('#2 (last #2)');
    expect(await manager.ownWaiting().textContent()).toBe('This till: 0 events not yet at HQ');
    // HQ shows the wrong PIN to the managers (issue 11, scenario 19).
    expect((await till.server.exceptions(till.terminalId)).map((e) => e.kind)).toEqual(['pin-failure']);
    const self = await manager.tillCells(till.terminalId);
    expect(self['Waiting on the till']).toBe('0');
    expect(self['Till']).toContain('(this till)');
    expect(self['Gaps']).toBe('None');

    // Kassa 2: three waiting, complete up to 2 of 4, seq 3 missing.
    const other = await manager.tillCells(kassa2.terminalId);
    expect(other['Till']).toContain('Kassa 2');
    expect(other['Till']).not.toContain('(this till)');
    expect(other['Seen']).toBe('Online');
    expect(other['Waiting on the till']).toBe('3');
    expect(other['Complete up to']).toBe('#2 (last #4)');
    expect(other['Gaps']).toMatch(/^#3–#3, open since /);

    expect(await manager.syncSummary().getAttribute('data-all-at-hq')).toBe('false');
    expect(await manager.syncSummary().textContent()).toContain(
      'Not all sales of today are at HQ yet: see the tills below.',
    );
  });

  it('offline, a refresh keeps HQ’s last answer and says when it was received', async () => {
    const { page, context } = till;
    const answeredBy = Date.now();
    await context.setOffline(true);
    try {
      await manager.refresh().click();
      await manager.syncFailure().waitFor(SOON);
      const said = (await manager.syncFailure().textContent()) ?? '';
      expect(said).toContain('HQ cannot be reached (offline).');
      // Received at the last answer: the minute it came in, as the store's clock writes it.
      const at = (ms: number) =>
        new Intl.DateTimeFormat('en-GB', {
          dateStyle: 'short',
          timeStyle: 'short',
          timeZone: 'Europe/Amsterdam',
        }).format(ms);
      expect([
        `HQ cannot be reached (offline). Showing its last answer, received ${at(answeredBy)}.`,
        `HQ cannot be reached (offline). Showing its last answer, received ${at(answeredBy - 60_000)}.`,
      ]).toContain(said);
      expect(await manager.tillRow(kassa2.terminalId).count()).toBe(1);
      expect((await manager.tillCells(kassa2.terminalId))['Waiting on the till']).toBe('3');
    } finally {
      await context.setOffline(false);
    }
    await manager.refresh().click();
    await expect.poll(() => manager.syncFailure().count(), SOON).toBe(0);
    await manager.back().click();
    await expect.poll(() => manager.screen().count(), SOON).toBe(0);
    expect(await page.getByTestId('scan-input').isVisible()).toBe(true);
  });
});
