import { HID_POS_SCANNED_DATA_REPORT_ID } from './decoders/hid-pos-decoder';

const DATA_CAPACITY = 56;
const REPORT_LENGTH = 64;

/**
 * Text → the HID POS Scanned Data Reports a scanner would send for it (the 64-byte layout of
 * test/fixtures/hid): the demo scanner of `npm start` and the benchmarks feed these through the
 * real decoding path. Characters above U+00FF cannot be sent and are refused.
 */
export function encodeHidPosReports(text: string, aim = ']E0'): Uint8Array[] | null {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch.length !== 1 || code > 0xff) return null;
    bytes.push(code);
  }
  const reports: Uint8Array[] = [];
  for (let at = 0; at === 0 || at < bytes.length; at += DATA_CAPACITY) {
    const chunk = bytes.slice(at, at + DATA_CAPACITY);
    const r = new Uint8Array(REPORT_LENGTH);
    r[0] = HID_POS_SCANNED_DATA_REPORT_ID;
    r[1] = chunk.length;
    r.set(
      [...aim.slice(0, 3)].map((c) => c.charCodeAt(0) & 0xff),
      2,
    );
    r.set(chunk, 5);
    r[REPORT_LENGTH - 1] = at + DATA_CAPACITY < bytes.length ? 1 : 0;
    reports.push(r);
  }
  return reports;
}
