import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/scan/gtin';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { DEMO_CARD } from '../../sync-server/src/demo/demo-members';
import { createFakeScanner } from './support/fake-scanner';
import { openPairedTill, type Till } from './support/till';

const each = demoCatalogue().filter((p) => p.unit === 'each' && p.code.length === 13);
const [first, second] = each as [(typeof each)[0], (typeof each)[0]];
/** A valid EAN-13 that is not in the demo catalogue (GS1 prefix 590, Poland). */
const NOT_IN_CATALOGUE = withCheckDigit('590123412345');
const BAD_CHECK_DIGIT = `${first.code.slice(0, 12)}${(Number(first.code[12]) + 1) % 10}`;

/** UI changes follow an IndexedDB lookup or write: give them a few seconds on a busy machine. */
const SOON = { timeout: 5_000 };

// The demo store is Dutch (nl-NL): the cashier reads Dutch.
let till: Till;
const scanner = createFakeScanner();
beforeAll(async () => {
  till = await openPairedTill({ scanner });
});
afterAll(async () => {
  await till?.close();
});

describe('scanning at the till', () => {
  it('shows a clear message for an unknown or invalid code and keeps the basket', async () => {
    const { checkout, page } = till;
    await page.locator('body').click();
    await checkout.wedgeScan(first.code);
    await checkout.wedgeScan(second.code);
    await expect.poll(() => checkout.lines().count(), SOON).toBe(2);
    const totalBefore = await checkout.total().textContent();

    await checkout.wedgeScan(NOT_IN_CATALOGUE);
    await expect
      .poll(() => checkout.alert().textContent(), SOON)
      .toContain(`Artikel ${NOT_IN_CATALOGUE} staat niet in het assortiment`);
    await checkout.wedgeScan(BAD_CHECK_DIGIT);
    await expect
      .poll(() => checkout.alert().textContent(), SOON)
      .toContain(`Het controlecijfer van ${BAD_CHECK_DIGIT} klopt niet`);

    expect(await checkout.lines().count()).toBe(2);
    expect(await checkout.total().textContent()).toBe(totalBefore);
  });

  it('lets a person type slowly into a text field without taking it for a scan', async () => {
    const { checkout, page } = till;
    const messageBefore = await checkout.message().textContent();
    const linesBefore = await checkout.lines().count();
    await checkout.tendered().click();
    await page.keyboard.type('123456,50', { delay: 90 });
    expect(await checkout.tendered().inputValue()).toBe('123456,50');
    expect(await checkout.message().textContent()).toBe(messageBefore);
    expect(await checkout.lines().count()).toBe(linesBefore);
  });

  it('adds a product keyed in by hand in the barcode field', async () => {
    const { checkout } = till;
    const before = await checkout.lines().count();
    await checkout.typeCode(first.code);
    await expect
      .poll(() => checkout.line(first.code).getByTestId('line-quantity').textContent(), SOON)
      .toBe('2');
    expect(await checkout.lines().count()).toBe(before);
    expect(await checkout.scanInput().inputValue()).toBe('');
  });

  it('changes quantities and removes lines', async () => {
    const { checkout } = till;
    const line = checkout.line(first.code);
    await line.getByTestId('line-increment').click();
    await expect.poll(() => line.getByTestId('line-quantity').textContent(), SOON).toBe('3');
    await line.getByTestId('line-decrement').click();
    await expect.poll(() => line.getByTestId('line-quantity').textContent(), SOON).toBe('2');
    await checkout.line(second.code).getByTestId('line-remove').click();
    await expect.poll(() => checkout.lines().count(), SOON).toBe(1);
    const euros = ((2 * first.priceCents) / 100).toFixed(2).replace('.', ',');
    expect(await checkout.total().textContent()).toContain(euros);
  });

  it('shows a scanned loyalty card attached to the basket', async () => {
    const { checkout, page } = till;
    await page.locator('body').click();
    // Demo key fob: prefix 2620, 13 digits, GS1 check digit. No member holds this one: online,
    // the server says so and it is not attached.
    const stranger = withCheckDigit('262012345678');
    await checkout.wedgeScan(stranger);
    await expect.poll(() => page.getByTestId('member-notice').textContent(), SOON).toContain(stranger);
    expect(await checkout.memberCard().count()).toBe(0);
    await checkout.wedgeScan(DEMO_CARD);
    await expect.poll(() => checkout.memberCard().textContent(), SOON).toContain(DEMO_CARD);
  });

  it('takes scans from the HID scanner of the host the same way, and says when it is unplugged', async () => {
    const { checkout, page } = till;
    expect(await page.getByTestId('device-status').textContent()).toBe('1 scanner gereed');
    const before = await checkout.lines().count();
    scanner.scan(second.code);
    await expect.poll(() => checkout.line(second.code).count(), SOON).toBe(1);
    expect(await checkout.lines().count()).toBe(before + 1);
    scanner.unplug();
    await expect
      .poll(() => page.getByTestId('device-status').textContent(), SOON)
      .toBe('Test HID POS scanner losgekoppeld');
  });
});
