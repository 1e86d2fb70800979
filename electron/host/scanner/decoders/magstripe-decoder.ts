import { err, ok } from '../../../../core/result/result';
import { toHex, type ReportDecoder } from './report-decoder';

/** MagTek USB HID swipe reader input report: 7 header bytes then three 110-byte track fields. */
const HEADER = 7;
const TRACK_FIELD = 110;
export const MAGTEK_REPORT_LENGTH = HEADER + 3 * TRACK_FIELD;
/** What a reader sends for a track it could not read, in the keyboard-mode convention core/scan parses. */
const UNREADABLE = ['%E?', ';E?', '+E?'] as const;

/**
 * Decodes magnetic-stripe reader reports in MagTek's USB HID layout (one report per swipe):
 *
 *   [0..2] track 1/2/3 decode status (bit 0 = error) · [3..5] track 1/2/3 data length
 *   [6] card encode type · [7..116] track 1 · [117..226] track 2 · [227..336] track 3
 *
 * The track data is ASCII with its start and end sentinels, so the tracks are joined into the
 * text a keyboard-mode reader would have typed (`%B…?;…?`), which core/scan classifies.
 */
export function createMagstripeDecoder(): ReportDecoder {
  return {
    reset() {},
    push(report) {
      if (report.length < MAGTEK_REPORT_LENGTH) {
        return err(
          'report-too-short',
          `A swipe report has ${MAGTEK_REPORT_LENGTH} bytes, not ${report.length}.`,
        );
      }
      let text = '';
      let read = 0;
      for (let track = 0; track < 3; track++) {
        const failed = ((report[track] ?? 0) & 0x01) === 1;
        const length = report[3 + track] ?? 0;
        if (length > TRACK_FIELD) {
          return err('length-out-of-range', `Track ${track + 1} claims ${length} bytes of ${TRACK_FIELD}.`);
        }
        if (failed) {
          text += UNREADABLE[track];
          continue;
        }
        if (length === 0) continue;
        const start = HEADER + track * TRACK_FIELD;
        text += String.fromCharCode(...report.subarray(start, start + length));
        read++;
      }
      if (read === 0) return err('no-track-data', 'The card was swiped but no track could be read.');
      return ok({ text, rawHex: toHex(report.subarray(0, MAGTEK_REPORT_LENGTH)) });
    },
  };
}
