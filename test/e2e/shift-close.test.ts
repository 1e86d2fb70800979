import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessDayStatus } from '../../core/backoffice/api';
import { denominationsOf } from '../../core/money/denominations';
import { businessDayOf } from '../../core/store/store-settings';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { demoCardNumber, demoMemberId } from '../../sync-server/src/demo/demo-members';
import { DEMO_MANAGERS } from '../../sync-server/src/demo/demo-managers';
import { ManagerModePage } from './pages/manager-mode-page';
import { MemberPanel } from './pages/member-panel';
import { ReceiptView } from './pages/receipt';
import { ReturnsPage } from './pages/returns-page';
import { openPairedTill, type Till } from './support/till';

/*
 * Closing a shift at the till (issue 10), in Chromium against the real sync server, on an English
 * till of the demo store: three sales (one with a member, cash; one by card; one in cash) and the
 * return of the last one, all synced; then the manager closes the shift with a €100 float and the
 * drawer counted per denomination. The Z report on screen says what was rung up, and once its
 * shift-close has synced the server's end of day for the store reconciles that shift with exactly
 * the Z report's figures, with no difference.
 */

const SOON = { timeout: 15_000 };
const FOLDED = { timeout: 60_000 };
const AMS = 'store-demo-ams';
const SANNE = DEMO_MANAGERS.find((m) => m.storeId === AMS && m.name === 'Sanne de Vries');
if (!SANNE) throw new Error('the demo seeds Sanne de Vries');
const catalogue = demoCatalogue();
const product = (name: string) => {
  const p = catalogue.find((x) => x.name === name);
  if (!p) throw new Error(`no "${name}" in the demo catalogue`);
  return p;
};
const COFFEE = product('Douwe Egberts Aroma rood filterkoffie 500 g');
const MILK = product('Campina Halfvolle melk 1 L');
const WHOLE_MILK = product('Campina Volle melk 1 L');
/** Thomas: demo fob 10, 0 points to start. */
const THOMAS = { card: demoCardNumber('kassa-fob', 10), memberId: demoMemberId(10) };
const FLOAT_CENTS = 100_00;

let till: Till;
let manager: ManagerModePage;
/** What the till showed while ringing up: each sale's total, and the points the member earned. */
const rung = { cash: [] as number[], card: [] as number[], refunds: [] as number[], points: 0 };
let receiptCode = '';

/** The drawer as the cashier counts it: `cents` in the fewest notes and coins of the euro. */
function piecesOf(cents: number): Map<number, number> {
  const pieces = new Map<number, number>();
  let left = cents;
  for (const d of denominationsOf('EUR')) {
    const n = Math.floor(left / d);
    if (n > 0) pieces.set(d, n);
    left -= n * d;
  }
  return pieces;
}

/** Rings up `codes`, pays by `tender` and closes the receipt; returns the total shown. */
async function sell(codes: string[], tender: 'cash' | 'card'): Promise<number> {
  const { checkout } = till;
  for (const code of codes) {
    await checkout.wedgeScan(code);
    await checkout.line(code).waitFor(SOON);
  }
  const total = Number(await checkout.total().getAttribute('data-cents'));
  if (tender === 'cash') await checkout.payCash('50');
  else await checkout.page.getByTestId('tender-card').click();
  await checkout.completeSale();
  const receipt = new ReceiptView(checkout.page);
  await receipt.receipt().waitFor(SOON);
  rung.points += (await receipt.earnedPoints()) ?? 0;
  receiptCode = (await checkout.page.getByTestId('receipt-code-text').textContent()) ?? '';
  await receipt.close().click();
  await expect.poll(() => receipt.receipt().count(), SOON).toBe(0);
  rung[tender].push(total);
  return total;
}

beforeAll(async () => {
  till = await openPairedTill({ locale: 'en-GB' });
  manager = new ManagerModePage(till.page);
}, 120_000);
afterAll(async () => {
  await till?.close();
});

const sum = (xs: readonly number[]) => xs.reduce((n, x) => n + x, 0);

describe('closing a shift at the till', () => {
  it('rings up three sales (a member’s in cash, one by card, one in cash) and returns the last one', async () => {
    const { checkout } = till;
    const panel = new MemberPanel(checkout.page);
    await checkout.wedgeScan(THOMAS.card);
    await expect.poll(() => panel.memberId(), SOON).toBe(THOMAS.memberId);
    await sell([COFFEE.code, MILK.code], 'cash');
    expect(rung.points).toBeGreaterThan(0);
    await sell([WHOLE_MILK.code], 'card');
    await sell([MILK.code], 'cash');

    const returns = new ReturnsPage(checkout.page);
    await checkout.wedgeScan(receiptCode);
    await returns.sale().waitFor(SOON);
    await returns.typeQuantity('Campina Halfvolle', '1');
    await returns.reason().selectOption('unwanted');
    await returns.confirm().click();
    await returns.receipt().waitFor(SOON);
    const refunds = returns.receiptRefunds();
    expect(await refunds.count()).toBe(1);
    expect(await refunds.first().getAttribute('data-method')).toBe('cash');
    rung.refunds.push(Number((await refunds.first().textContent())?.replace(/\D/g, '')));
    expect(rung.refunds).toEqual([rung.cash[1]]);
    await returns.receiptClose().click();
    await checkout.waitSynced();
  });

  it('the manager closes the shift: expected cash is the float plus cash taken less cash refunded, and the count matches', async () => {
    await manager.enterPin(SANNE.name, SANNE.pin);
    await manager.screen().waitFor(SOON);
    await manager.tab('Close shift').click();
    await manager.shiftForm().waitFor(SOON);
    // Four events so far (three sales, one return): the shift covers seq 1–4.
    expect(await till.page.getByTestId('shift-range').textContent()).toBe('Shift from seq 1 to 4');

    const expected = FLOAT_CENTS + sum(rung.cash) - sum(rung.refunds);
    await manager.fillShiftClose({ cashier: 'Eva Jansen', float: '100.00', pieces: piecesOf(expected) });
    await expect.poll(() => manager.shiftExpectedCents(), SOON).toBe(expected);
    expect(await manager.shiftDifferenceCents()).toBe(0);
    await manager.shiftForm().getByRole('button', { name: 'Close shift' }).click();
    await manager.zReport().waitFor(SOON);
  });

  it('the Z report shows the shift as it was rung up', async () => {
    const z = manager.zReport();
    expect(await z.getByTestId('z-seqs').textContent()).toBe('Seq 1–4');
    expect(await z.textContent()).toContain('Cashier: Eva Jansen');
    expect(await manager.zFigure('z-sales-count')).toBe(3);
    expect(await manager.zFigure('z-sales-total')).toBe(sum(rung.cash) + sum(rung.card));
    expect(await manager.zFigure('z-returns-count')).toBe(1);
    expect(await manager.zFigure('z-returns-total')).toBe(sum(rung.refunds));
    expect(await manager.zTenders()).toEqual([
      { tender: 'cash', cents: sum(rung.cash) - sum(rung.refunds) },
      { tender: 'card', cents: sum(rung.card) },
    ]);
    expect(await manager.zFigure('z-points-issued')).toBe(rung.points);
    expect(await manager.zFigure('z-points-redeemed')).toBe(0);
    const expected = FLOAT_CENTS + sum(rung.cash) - sum(rung.refunds);
    expect(await manager.zFigure('z-float')).toBe(FLOAT_CENTS);
    expect(await manager.zFigure('z-expected')).toBe(expected);
    expect(await manager.zFigure('z-counted')).toBe(expected);
    expect(await manager.zFigure('z-difference')).toBe(0);
  });

  it('after sync the server’s end of day reconciles the shift with the Z report’s figures, and the day is closed', async () => {
    const { checkout, server, terminalId } = till;
    const z = manager.zReport();
    const shiftEventId = await z.getAttribute('data-event-id');
    const day = businessDayOf(Date.now(), 'Europe/Amsterdam');
    expect(await z.textContent()).toContain(`Till ${terminalId} · ${day}`);
    await z.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => manager.screen().count(), SOON).toBe(0);
    await checkout.waitSynced();

    const endOfDay = async (): Promise<BusinessDayStatus> => {
      const res = await fetch(new URL(`/admin/stores/${AMS}/days/${day}`, server.url), {
        headers: { authorization: `Bearer ${server.adminToken}` },
      });
      if (!res.ok) throw new Error(`GET day: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as BusinessDayStatus;
    };
    await expect.poll(async () => (await endOfDay()).tills.flatMap((t) => t.shifts).length, FOLDED).toBe(1);
    const status = await endOfDay();
    const [tillDay] = status.tills;
    expect(status.tills).toHaveLength(1);
    expect(tillDay).toMatchObject({ terminalId, sold: 3 });
    const [shift] = tillDay?.shifts ?? [];
    if (!shift) throw new Error('no shift at the server');

    // The server's own fold of seq 1–4 equals every figure the Z report showed.
    const onScreen = {
      sales: { count: 3, totalCents: sum(rung.cash) + sum(rung.card) },
      returns: { count: 1, totalCents: sum(rung.refunds) },
      tenders: [
        { tender: 'cash', cents: sum(rung.cash) - sum(rung.refunds) },
        { tender: 'card', cents: sum(rung.card) },
      ],
      points: { issued: rung.points, redeemed: 0 },
    };
    expect(shift.server).toEqual(onScreen);
    expect(shift.till).toEqual(onScreen);
    expect(shift).toMatchObject({
      shiftEventId,
      cashier: { name: 'Eva Jansen' },
      firstSeq: 1,
      lastSeq: 4,
      expectedCashCents: FLOAT_CENTS + sum(rung.cash) - sum(rung.refunds),
      countedCashCents: FLOAT_CENTS + sum(rung.cash) - sum(rung.refunds),
      differences: [],
      missingSeqs: [],
      status: 'reconciled',
      exceptionId: null,
    });
    expect(status.closed).toBe(true);
  });
});
