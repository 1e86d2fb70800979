import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { openPairedTill, type Till } from './support/till';

const milk = demoCatalogue().find((p) => p.unit === 'each' && p.code.length === 13);
if (!milk) throw new Error('demo catalogue lacks an each-priced product');

/** A change at HQ reaches the till over its feed stream: a few seconds on a busy machine. */
const LIVE = { timeout: 15_000 };
const SOON = { timeout: 5_000 };
/** Amounts as nl-NL and ro-RO write them: "1.000,00", with a no-break space before or after the sign. */
const decimal = (c: number) =>
  new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(c / 100);

let till: Till;
beforeAll(async () => {
  till = await openPairedTill();
});
afterAll(async () => {
  await till?.close();
});

describe('the till in the store’s language', () => {
  it('is Dutch for the demo store, takes "1.000,00" as cash tendered, and turns Romanian when HQ says so', async () => {
    const { checkout, server, page } = till;
    let reloads = 0;
    page.on('load', () => reloads++);

    // A Dutch store: Dutch text, Dutch money.
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    expect(await checkout.syncState().textContent()).toBe('gesynchroniseerd');
    expect(await page.getByTestId('basket-empty').textContent()).toBe(
      'Scan een artikel om een verkoop te beginnen.',
    );
    expect(await checkout.cashButton().textContent()).toBe('Contant');
    expect(await page.getByTestId('tender-card').textContent()).toBe('Pin');
    expect(await checkout.completeButton().textContent()).toBe('Afrekenen');

    await page.locator('body').click();
    await checkout.wedgeScan(milk.code);
    await expect.poll(() => checkout.lines().count(), SOON).toBe(1);
    expect(await checkout.total().textContent()).toBe(`€\u00a0${decimal(milk.priceCents)}`);

    await checkout.payCash('1.000,00');
    expect(await page.getByText('Wisselgeld', { exact: false }).first().isVisible()).toBe(true);
    expect(await checkout.changeDue().textContent()).toBe(`€\u00a0${decimal(100_000 - milk.priceCents)}`);
    // "12.50" on a Dutch till is no amount: the till says how to type one.
    await checkout.tendered().fill('12.50');
    expect(await checkout.changeDue().textContent()).toBe('—');
    expect(await page.getByTestId('tendered-amount-problem').textContent()).toBe(
      'Typ het bedrag als 1.000,00.',
    );
    await checkout.tendered().fill('1.000,00');
    await checkout.completeSale();
    await expect
      .poll(() => checkout.message().textContent(), SOON)
      .toBe(`Verkoop 1 afgerond. Wisselgeld €\u00a0${decimal(100_000 - milk.priceCents)}.`);
    await expect
      .poll(async () => (await server.sales(till.terminalId))[0]?.payments[0], { timeout: 30_000 })
      .toMatchObject({ method: 'cash', tenderedCents: 100_000, changeCents: 100_000 - milk.priceCents });

    // HQ moves the store to Romania: the same screen, in Romanian, without a reload.
    await server.updateStore({ locale: 'ro-RO', currency: 'RON' });
    await expect.poll(() => checkout.completeButton().textContent(), LIVE).toBe('Încasează');
    expect(await page.locator('html').getAttribute('lang')).toBe('ro');
    expect(await checkout.cashButton().textContent()).toBe('Numerar');
    expect(await page.getByTestId('tender-card').textContent()).toBe('Card');
    expect(await checkout.syncState().textContent()).toBe('sincronizat');
    expect(await checkout.syncWaiting().textContent()).toBe('0 vânzări în așteptare');
    // The message already on screen follows the language too.
    expect(await checkout.message().textContent()).toContain('Vânzarea 1 a fost finalizată.');
    expect(await page.getByTestId('basket-empty').textContent()).toBe(
      'Scanați un produs pentru a începe o vânzare.',
    );

    await page.locator('body').click();
    await checkout.wedgeScan(milk.code);
    await expect.poll(() => checkout.lines().count(), SOON).toBe(1);
    expect(await checkout.total().textContent()).toBe(`${decimal(milk.priceCents)}\u00a0RON`);
    await checkout.payCash('1.000,00');
    expect(await checkout.changeDue().textContent()).toBe(`${decimal(100_000 - milk.priceCents)}\u00a0RON`);
    expect(reloads).toBe(0);
  });
});
