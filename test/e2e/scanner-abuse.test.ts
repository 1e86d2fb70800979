import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GS } from '../../core/scan/gs1-element-string';
import type { HidDeviceDescriptor } from '../../electron/host/scanner/device-source';
import { encodeHidPosReports } from '../../electron/host/scanner/hid-pos-encoder';
import { createReplaySource } from '../../electron/host/scanner/replay-source';
import { createScannerService } from '../../electron/host/scanner/scanner-service';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { openPairedTill, type Till } from './support/till';

// Scenario 21 of issue 11: two HID POS scanners on one till scanning at once, 50 scans a second
// between them, their reports interleaved on the way in, through the host's real decoding path
// (replayed report bytes, as node-hid delivers them). No scan may be lost or counted twice.
// Ten products, five per scanner, 20 scans each: below the 99 a line takes without a manager.
const each = demoCatalogue().filter((p) => p.unit === 'each' && p.code.length === 13);
const forA = each.slice(0, 5);
const forB = each.slice(5, 10);
if (forB.length < 5) throw new Error('demo catalogue lacks the products this test needs');
const SCANS_EACH = 100;
const INTERVAL_MS = 20; // 50 scans/s across the two scanners

const scannerAt = (path: string, serialNumber: string): HidDeviceDescriptor => ({
  path,
  vendorId: 0x0c2e,
  productId: 0x0b8f,
  product: `Voyager ${serialNumber}`,
  manufacturer: 'Honeywell',
  usagePage: 0x8c,
  usage: 0x02,
  serialNumber,
});
const source = createReplaySource([scannerAt('/dev/hidraw1', 'A1'), scannerAt('/dev/hidraw2', 'B2')]);
const scanner = createScannerService({ source, pollMs: 60_000 });

/** Scanner B reads GS1 DataMatrix labels: GTIN, lot and a serial of its own, two reports each. */
function labelReports(i: number): Uint8Array[] {
  const text = `010${forB[i % forB.length]!.code}10LOT-${String(i).padStart(16, '0')}${GS}21SN-${String(i).padStart(16, '0')}`;
  const reports = encodeHidPosReports(text, ']d2');
  if (!reports || reports.length < 2) throw new Error('the label should take two HID reports');
  return reports;
}

let till: Till;
beforeAll(async () => {
  await scanner.rescan();
  till = await openPairedTill({ scanner });
});
afterAll(async () => {
  await till?.close();
  await scanner.stop();
});

describe('two scanners at 50 scans a second', () => {
  it('puts every scan in the basket once, whichever scanner it came from', async () => {
    const { checkout, page } = till;
    await expect.poll(() => page.getByTestId('device-status').textContent()).toBe('2 scanners gereed');
    for (let i = 0; i < SCANS_EACH; i++) {
      const ean = encodeHidPosReports(forA[i % forA.length]!.code, ']E0');
      if (!ean) throw new Error('EAN-13 fits one report');
      const [b1, b2] = labelReports(i) as [Uint8Array, Uint8Array];
      // B's label arrives in two reports with A's scan between them.
      source.play('/dev/hidraw2', [b1]);
      source.play('/dev/hidraw1', ean);
      await new Promise((r) => setTimeout(r, INTERVAL_MS));
      source.play('/dev/hidraw2', [b2]);
      await new Promise((r) => setTimeout(r, INTERVAL_MS));
    }
    const quantity = async (code: string) => {
      const lines = checkout.line(code);
      let sum = 0;
      for (let k = 0; k < (await lines.count()); k++) {
        sum += Number(await lines.nth(k).getByTestId('line-quantity').textContent());
      }
      return sum;
    };
    const counts = async () => Promise.all([...forA, ...forB].map((p) => quantity(p.code)));
    const expected = [...forA, ...forB].map(() => SCANS_EACH / 5);
    await expect.poll(counts, { timeout: 15_000 }).toEqual(expected);
    // Settled: nothing more trickles in after the last scan.
    await page.waitForTimeout(500);
    expect(await counts()).toEqual(expected);
  });
});
