import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/scan/gtin';
import { createReplaySource } from '../../electron/host/scanner/replay-source';
import { createScannerService } from '../../electron/host/scanner/scanner-service';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { fixture, reportsOf } from '../unit/electron/scanner/hid-fixtures';
import { DevicesPage } from './pages/devices-page';
import { openPairedTill, type Till } from './support/till';

/** UI changes follow the host's SSE stream or a React render: a few seconds on a busy machine. */
const SOON = { timeout: 5_000 };

const ean = fixture('hidpos-ean13-single-report');
const gs1 = fixture('hidpos-gs1-datamatrix-three-reports');
const PATH = '/dev/hidraw0';
const KEYBOARD_PATH = '/dev/hidraw1';
// The recorded Honeywell scanner in HID POS mode, and an ordinary keyboard the till leaves alone,
// plugged in before the till starts.
const source = createReplaySource([
  {
    path: KEYBOARD_PATH,
    vendorId: 0x046d,
    productId: 0xc31c,
    usagePage: 0x01,
    usage: 0x06,
    product: 'USB Keyboard',
    manufacturer: 'Logitech',
  },
  {
    path: PATH,
    vendorId: ean.device.vendorId,
    productId: ean.device.productId,
    usagePage: ean.device.usagePage,
    usage: ean.device.usage,
    product: ean.device.product,
    manufacturer: ean.device.manufacturer,
  },
]);
const scanner = createScannerService({ source, pollMs: 60_000 });
const product = demoCatalogue().find((p) => p.unit === 'each' && p.code.length === 13)!;

let till: Till;
let devices: DevicesPage;
let deviceId: string;
let keyboardId: string;
beforeAll(async () => {
  await scanner.start();
  deviceId = scanner.listDevices().find((d) => d.decoder === 'hid-pos')!.id;
  keyboardId = scanner.listDevices().find((d) => d.decoder === null)!.id;
  // This bench is read in English here: an en-GB store (the demo store is nl-NL).
  till = await openPairedTill({ scanner, locale: 'en-GB' });
  devices = new DevicesPage(till.page);
});
afterAll(async () => {
  await till?.close();
  await scanner.stop();
});

describe('devices screen', () => {
  it('lists the replayed HID POS scanner as in use and open', async () => {
    const { checkout, page } = till;
    // A line in the basket first: the devices screen must leave it alone.
    await page.locator('body').click();
    await checkout.wedgeScan(product.code);
    await expect.poll(() => checkout.lines().count(), SOON).toBe(1);

    await devices.open();
    await expect.poll(() => devices.state(deviceId), SOON).toBe('open');
    expect(await devices.decoder(deviceId)).toBe('in use: HID POS scanner');
    expect(await devices.row(deviceId).textContent()).toContain('0c2e:0b8f');
  });

  it('lists a device the till does not use as not in use, after the ones it uses', async () => {
    expect(await devices.decoder(keyboardId)).toBe('not in use');
    expect(await devices.state(keyboardId)).toBe('closed');
    expect(
      await devices.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-device-id'))),
    ).toEqual([deviceId, keyboardId]);
  });

  it('shows a HID scan’s raw report, decoded text and what it reads as', async () => {
    expect(source.play(PATH, reportsOf(ean))).toBe(true);
    await expect.poll(() => devices.lastText().textContent(), SOON).toBe('4006381333931');
    expect(await devices.lastRaw().textContent()).toBe(ean.reports[0]);
    expect(await devices.lastKind().textContent()).toBe('EAN-13 product 4006381333931');
    expect(await devices.lastSource().textContent()).toContain('hid-pos');
  });

  it('shows a code spread over three reports as all three, with the GS1 separator visible', async () => {
    source.play(PATH, reportsOf(gs1));
    await expect.poll(() => devices.lastRaw().textContent(), SOON).toBe(gs1.reports.join(' '));
    expect(await devices.lastText().textContent()).toContain('BATCH-0042\u241d3103');
    const kind = await devices.lastKind().textContent();
    expect(kind).toContain('GS1 GTIN 04006381333931');
    expect(kind).toContain('batch BATCH-0042');
  });

  it('shows a keyboard-wedge scan typed on the screen as from the wedge, with no raw bytes', async () => {
    const card = withCheckDigit('262012345678');
    await till.page.locator('body').click();
    await till.checkout.wedgeScan(card);
    await expect.poll(() => devices.lastText().textContent(), SOON).toBe(card);
    expect(await devices.lastSource().textContent()).toContain('wedge');
    expect(await devices.lastRaw().textContent()).toContain('none');
    expect(await devices.lastKind().textContent()).toBe(`Kassa loyalty card ${card} (barcode)`);
  });

  it('shows a refused scan with its reason', async () => {
    const bad = `${product.code.slice(0, 12)}${(Number(product.code[12]) + 1) % 10}`;
    await till.checkout.wedgeScan(bad);
    await expect.poll(() => devices.lastText().textContent(), SOON).toBe(bad);
    expect(await devices.lastKind().textContent()).toMatch(/^Refused \(checksum\)/);
  });

  it('shows the scanner unplugged when it is pulled out', async () => {
    source.unplug(PATH);
    await expect.poll(() => devices.state(deviceId), SOON).toMatch(/^unplugged/);
  });

  it('leaves the basket as it was: scans on the test bench are not sold', async () => {
    const { checkout } = till;
    await devices.close();
    expect(await checkout.lines().count()).toBe(1);
    expect(await checkout.line(product.code).getByTestId('line-quantity').textContent()).toBe('1');
    expect(await checkout.memberCard().count()).toBe(0);
    expect(await till.page.getByTestId('device-status').textContent()).toContain('unplugged');
  });
});
