import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { openPairedTill, type Till } from './support/till';

const milk = demoCatalogue().find((p) => p.unit === 'each' && p.code.length === 13);
if (!milk) throw new Error('demo catalogue lacks an each-priced product');

/** A change on the server reaches the till over its feed stream: a few seconds on a busy machine. */
const LIVE = { timeout: 15_000 };

let till: Till;
beforeAll(async () => {
  till = await openPairedTill();
});
afterAll(async () => {
  await till?.close();
});

describe('store settings changed at HQ', () => {
  it('show in the till header and its money format at once, without a reload', async () => {
    const { checkout, server, page } = till;
    await expect.poll(() => checkout.storeName().textContent(), LIVE).toBe('Kassa Demo Amsterdam');
    let reloads = 0;
    page.on('load', () => reloads++);

    await server.updateStore({ name: 'Kassa Demo Amsterdam Centrum' });
    await expect.poll(() => checkout.storeName().textContent(), LIVE).toBe('Kassa Demo Amsterdam Centrum');

    await server.updateStore({ currency: 'GBP', locale: 'en-GB' });
    await page.locator('body').click();
    await checkout.wedgeScan(milk.code);
    await expect.poll(() => checkout.lines().count(), LIVE).toBe(1);
    await expect
      .poll(() => checkout.total().textContent(), LIVE)
      .toBe(`£${(milk.priceCents / 100).toFixed(2)}`);
    expect(reloads).toBe(0);
    expect(await checkout.syncStateValue()).toBe('synced');
    expect(await checkout.syncState().textContent()).toBe('synced');
  });
});
