import { err, ok } from '../../../../core/result/result';
import { MAX_SCAN_TEXT, toHex, type ReportDecoder } from './report-decoder';

/** The Scanned Data Report's id in the HID POS layouts scanners ship (Honeywell, Zebra, Access-IS). */
export const HID_POS_SCANNED_DATA_REPORT_ID = 0x02;
/** Decoded Data field: 56 bytes per report. */
const DATA_CAPACITY = 56;
const HEADER = 5; // report id, byte count, 3 symbology identifier bytes

/**
 * Decodes HID POS barcode scanner reports (usage page 0x8C, Scanned Data Report):
 *
 *   [0] report id 0x02 · [1] byte count · [2..4] AIM symbology identifier ("]E0")
 *   [5..60] Decoded Data (56 bytes, zero padded) · vendor bytes · last byte bit 0: Decode Data Continued
 *
 * Devices differ in the vendor bytes between data and flags (Access-IS and Honeywell send 2, for a
 * 64-byte report; others none, 62 bytes), so the flags byte is read as the report's last byte.
 * A code longer than 56 bytes arrives as several reports with "continued" set on all but the last;
 * they are reassembled here. Text is decoded as Latin-1 byte for byte, so no byte is ever lost.
 */
export function createHidPosDecoder(reportId = HID_POS_SCANNED_DATA_REPORT_ID): ReportDecoder {
  let parts: number[] = [];
  let hex: string[] = [];
  let symbology: string | null = null;

  const reset = () => {
    parts = [];
    hex = [];
    symbology = null;
  };

  return {
    reset,
    push(report) {
      if (report.length < HEADER + 1) {
        return err('report-too-short', `A HID POS report of ${report.length} bytes has no room for data.`);
      }
      if (report[0] !== reportId) {
        return err(
          'unknown-report-id',
          `Report id 0x${toHex(report.subarray(0, 1))} is not a scanned-data report.`,
        );
      }
      const count = report[1] ?? 0;
      const capacity = Math.min(DATA_CAPACITY, report.length - HEADER - 1);
      if (count > capacity) {
        reset();
        return err(
          'length-out-of-range',
          `The report says ${count} data bytes but carries at most ${capacity}.`,
        );
      }
      const aim = latin1(report.subarray(2, HEADER));
      const continued = ((report[report.length - 1] ?? 0) & 0x01) === 1;
      if (symbology !== null && aim !== symbology) {
        reset();
        return err(
          'symbology-changed',
          'A continued code changed symbology midway; the partial code was dropped.',
        );
      }
      symbology = aim;
      for (const b of report.subarray(HEADER, HEADER + count)) parts.push(b);
      hex.push(toHex(report));
      if (parts.length > MAX_SCAN_TEXT) {
        reset();
        return err('too-long', `A code longer than ${MAX_SCAN_TEXT} bytes was dropped.`);
      }
      if (continued) return ok(null);
      if (parts.length === 0) {
        // A report with no data (some scanners send one on a no-read): nothing to deliver.
        reset();
        return ok(null);
      }
      const scan = {
        text: latin1(Uint8Array.from(parts)),
        rawHex: hex.join(' '),
        ...(validAim(aim) ? { symbology: aim } : {}),
      };
      reset();
      return ok(scan);
    },
  };
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/** "]" + symbology letter + modifier; zero bytes mean the scanner sent no identifier. */
function validAim(aim: string): boolean {
  return /^\][A-Za-z][0-9A-Za-z]$/.test(aim);
}
