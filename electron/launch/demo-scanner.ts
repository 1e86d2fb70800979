import { createInterface } from 'node:readline';
import { encodeHidPosReports } from '../host/scanner/hid-pos-encoder';
import { createReplaySource, type ReplaySource } from '../host/scanner/replay-source';

const DEMO_PATH = 'stdin';

/**
 * `npm start -- --demo-scanner`: a HID POS scanner for machines without one. Each line typed in
 * the terminal becomes the reports a real scanner would send, and goes through the same decoding,
 * bridge and till as a real scan.
 */
export function startDemoScanner(input: NodeJS.ReadableStream, log: (line: string) => void): ReplaySource {
  const source = createReplaySource([
    {
      path: DEMO_PATH,
      vendorId: 0,
      productId: 0,
      product: 'Demo scanner (codes typed in the npm start terminal)',
      manufacturer: 'Kassa',
      usagePage: 0x8c,
      usage: 0x02,
    },
  ]);
  createInterface({ input }).on('line', (line) => {
    const code = line.trim();
    if (!code) return;
    const reports = encodeHidPosReports(code, /^\d+$/.test(code) ? ']E0' : ']C0');
    if (!reports) return log(`Demo scanner: cannot send ${JSON.stringify(code)} (Latin-1 only)`);
    if (!source.play(DEMO_PATH, reports)) log('Demo scanner: not open yet, try again in a moment');
  });
  log('Demo scanner: type a barcode here and press Enter to scan it.');
  return source;
}
