import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saleLookupPath } from '../../core/sync/sale-lookup-protocol';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { DEMO_MANAGERS } from '../../sync-server/src/demo/demo-managers';
import { DEMO_CARD } from '../../sync-server/src/demo/demo-members';
import { MemberPanel } from './pages/member-panel';
import { openPairedTill, type Till } from './support/till';

const each = demoCatalogue().filter((p) => p.unit === 'each' && p.code.length === 13);
const [milk, cheese, bread] = each as [(typeof each)[0], (typeof each)[0], (typeof each)[0]];
/** UI changes follow an IndexedDB lookup or write: give them a few seconds on a busy machine. */
const SOON = { timeout: 5_000 };

let till: Till;
let member: MemberPanel;
/** The member of DEMO_CARD, as the till identified them. */
let who: string | null = null;
/** The demo store's manager, seeded with the demo (sync-server/src/demo/demo-managers.ts). */
let manager: { name: string; pin: string };

/** The till's pairing as its host keeps it: its store and its terminal token. */
async function pairedOf(t: Till): Promise<{ token: string; store: { storeId: string } }> {
  const config = (await (await fetch(new URL('/host/config', t.hostUrl))).json()) as {
    paired: { token: string; store: { storeId: string } };
  };
  return config.paired;
}

beforeAll(async () => {
  till = await openPairedTill();
  member = new MemberPanel(till.page);
  const { storeId } = (await pairedOf(till)).store;
  const seeded = DEMO_MANAGERS.find((m) => m.storeId === storeId);
  if (!seeded) throw new Error(`the demo seeds no manager for ${storeId}`);
  manager = seeded;
});
afterAll(async () => {
  await till?.close();
});

const quantityOf = (code: string) => till.checkout.line(code).getByTestId('line-quantity').textContent();

describe('the open basket at the till', () => {
  it('survives a reload: lines, quantities and the member are still there', async () => {
    const { checkout, page } = till;
    await page.locator('body').click();
    await checkout.wedgeScan(milk.code);
    await checkout.wedgeScan(milk.code);
    await checkout.wedgeScan(cheese.code);
    await checkout.wedgeScan(DEMO_CARD);
    await expect.poll(() => checkout.lines().count(), SOON).toBe(2);
    await expect.poll(() => member.memberId(), SOON).toMatch(/^01K0DEM0/);
    who = await member.memberId();
    const total = await checkout.total().getAttribute('data-cents');

    await page.reload();
    await checkout.storeName().waitFor();
    await expect.poll(() => checkout.lines().count(), SOON).toBe(2);
    expect(await quantityOf(milk.code)).toBe('2');
    expect(await quantityOf(cheese.code)).toBe('1');
    await expect.poll(() => member.memberId(), SOON).toBe(who);
    await expect.poll(() => checkout.total().getAttribute('data-cents'), SOON).toBe(total);
  });

  it('parks the basket, serves another customer, and recalls it with its member', async () => {
    const { checkout, page } = till;
    await page.getByTestId('park-name').fill('rode jas');
    await page.getByTestId('park').click();
    await expect.poll(() => checkout.lines().count(), SOON).toBe(0);
    expect(await member.memberId()).toBeNull();
    expect(await checkout.message().textContent()).toBe('Mand geparkeerd: rode jas.');
    expect(await page.getByTestId('parked-basket').count()).toBe(1);

    // The next customer pays for one loaf.
    await page.locator('body').click();
    await checkout.wedgeScan(bread.code);
    await expect.poll(() => checkout.lines().count(), SOON).toBe(1);
    // While a sale is open, a parked basket waits.
    expect(await page.getByTestId('recall').isDisabled()).toBe(true);
    await page.getByTestId('tender-card').click();
    await checkout.completeSale();
    await expect.poll(() => checkout.message().textContent(), SOON).toMatch(/^Verkoop 1 afgerond/);

    // A reload in between keeps the parked basket too.
    await page.reload();
    await checkout.storeName().waitFor();
    await page.getByRole('button', { name: 'rode jas terughalen' }).click();
    await expect.poll(() => checkout.lines().count(), SOON).toBe(2);
    expect(await quantityOf(milk.code)).toBe('2');
    await expect.poll(() => member.memberId(), SOON).toBe(who);
    expect(await page.getByTestId('parked-basket').count()).toBe(0);
  });

  it('refuses a typed quantity of 150 with the reason, and applies it with the manager’s PIN', async () => {
    const { checkout, page } = till;
    await till.checkout.line(milk.code).getByTestId('line-quantity').click();
    const input = page.getByTestId('line-quantity-input');
    await input.fill('150');
    await input.press('Enter');
    await expect
      .poll(() => page.getByTestId('over-limit-why').textContent(), SOON)
      .toBe(`150 × ${milk.name} is meer dan 99, het meeste dat één regel zonder manager mag hebben.`);
    expect(await quantityOf(milk.code)).toBe('2');

    await page.getByTestId('over-limit-ask').click();
    const dialog = page.getByTestId('override-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('override-why').textContent()).toContain('150 ×');
    // The manager reaches the till with the store's settings (replicated from the server).
    await expect
      .poll(() => page.getByTestId('override-manager').locator('option').allTextContents(), {
        timeout: 20_000,
      })
      .toContain(manager.name);
    await page.getByTestId('override-manager').selectOption({ label: manager.name });
    await page.getByTestId('override-reason').fill('Feestbestelling van de kantine');
    await page.getByTestId('override-pin').fill('1111');
    await page.getByTestId('override-allow').click();
    await expect
      .poll(() => page.getByTestId('override-problem').textContent(), SOON)
      .toBe(`Verkeerde pincode: nog 4 pogingen voordat ${manager.name} aan deze kassa wordt geblokkeerd.`);
    expect(await quantityOf(milk.code)).toBe('2');

    await page.getByTestId('override-pin').fill(manager.pin);
    await page.getByTestId('override-allow').click();
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
    await expect.poll(() => quantityOf(milk.code), SOON).toBe('150');

    await page.getByTestId('tender-card').click();
    await checkout.completeSale();
    // Seq 4: the wrong PIN (a pin-failure, seq 2) and the override (seq 3) came first.
    await expect.poll(() => checkout.message().textContent(), SOON).toMatch(/^Verkoop 4 afgerond/);
    await checkout.waitSynced(30_000);
    const sales = await till.server.sales(till.terminalId);
    const sale = sales.find((s) => s.lines.some((l) => l.code === milk.code && l.quantity === 150));
    expect(sale?.memberId).toBe(who);
    // The sale names the manager's override (its event id), as the server stored it.
    const paired = await pairedOf(till);
    const lookup = await fetch(new URL(saleLookupPath(sale?.eventId ?? ''), till.server.url), {
      headers: { authorization: `Bearer ${paired.token}` },
    });
    const stored = (await lookup.json()) as { sale: { overrides: string[]; seq: number } };
    expect(stored.sale.overrides).toHaveLength(1);
    expect(stored.sale.overrides[0]).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('voids the whole sale before tender, after asking once more', async () => {
    const { checkout, page } = till;
    // Keyed in by hand this time (the barcode field).
    await checkout.typeCode(cheese.code);
    await checkout.typeCode(DEMO_CARD);
    await expect.poll(() => checkout.lines().count(), SOON).toBe(1);
    await expect.poll(() => member.memberId(), SOON).toBe(who);
    await page.getByTestId('void-sale').click();
    await page.getByTestId('void-sale-no').click();
    expect(await checkout.lines().count()).toBe(1);
    await page.getByTestId('void-sale').click();
    await page.getByTestId('void-sale-yes').click();
    await expect.poll(() => checkout.lines().count(), SOON).toBe(0);
    expect(await checkout.message().textContent()).toBe('Verkoop geannuleerd.');
    expect(await member.memberId()).toBeNull();
    // Nothing of it comes back on a reload.
    await page.reload();
    await checkout.storeName().waitFor();
    await expect.poll(() => checkout.lines().count(), SOON).toBe(0);
  });
});
