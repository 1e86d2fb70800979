import { err, ok } from '../../../../core/result/result';
import { keyboardLayouts, type KeyboardLayoutName } from './keyboard-layouts';
import { MAX_SCAN_TEXT, toHex, type ReportDecoder } from './report-decoder';

const BOOT_REPORT_LENGTH = 8;
const MOD_SHIFT = 0x02 | 0x20; // left, right shift
const MOD_CTRL_LEFT = 0x01;
const MOD_ALT_LEFT = 0x04;
const MOD_ALT_RIGHT = 0x40; // AltGr on European layouts
const KEY_ERROR_ROLLOVER = 0x01;
const KEY_ENTER = 0x28;
const KEY_KEYPAD_ENTER = 0x58;
const KEY_TAB = 0x2b;
const KEY_BACKSPACE = 0x2a;

export interface KeyboardDecoderOptions {
  layout: KeyboardLayoutName;
  /** Some composite scanners prefix keyboard reports with a report id (a 9-byte report is taken as one). */
  reportId?: number;
}

/**
 * Decodes keyboard boot-protocol reports read raw from a scanner in keyboard mode:
 *
 *   [0] modifier bits · [1] reserved · [2..7] up to six pressed key codes (HID usage page 0x07)
 *
 * A key counts when it appears in a report and was not down in the previous one (scanners send
 * press then release per character). Enter (main or keypad) and Tab end the scan. A key the layout
 * does not know refuses the whole scan rather than deliver a mistyped code.
 */
export function createKeyboardDecoder(options: KeyboardDecoderOptions): ReportDecoder {
  const layout = keyboardLayouts[options.layout];
  let down = new Set<number>();
  let text = '';
  let hex: string[] = [];
  let deadKey: string | null = null;
  let unmapped: number[] = [];

  const reset = () => {
    down = new Set();
    text = '';
    hex = [];
    deadKey = null;
    unmapped = [];
  };

  const type = (ch: string) => {
    if (ch.startsWith('dead:')) {
      if (deadKey !== null) text += deadKey;
      deadKey = ch.slice(5);
      return;
    }
    if (deadKey !== null) {
      // No composition in codes: a dead key then Space types the accent itself.
      text += ch === ' ' ? deadKey : deadKey + ch;
      deadKey = null;
      return;
    }
    text += ch;
  };

  const finish = () => {
    if (deadKey !== null) text += deadKey;
    const scan = { text, rawHex: hex.join(' ') };
    const missing = unmapped;
    reset();
    if (missing.length) {
      return err(
        'unmapped-key' as const,
        `Key code(s) ${missing.map((k) => '0x' + k.toString(16)).join(', ')} mean nothing on the ${options.layout} layout; the scan was refused.`,
      );
    }
    return ok(scan.text ? scan : null);
  };

  return {
    reset,
    push(input) {
      // A boot report is 8 bytes; a 9-byte one carries a report id first (composite devices).
      const hasId =
        options.reportId !== undefined
          ? input[0] === options.reportId
          : input.length === BOOT_REPORT_LENGTH + 1;
      const report = hasId ? input.subarray(1) : input;
      if (report.length < BOOT_REPORT_LENGTH) {
        return err('report-too-short', `A keyboard boot report has 8 bytes, not ${report.length}.`);
      }
      const modifiers = report[0] ?? 0;
      const keys = [...report.subarray(2, BOOT_REPORT_LENGTH)].filter((k) => k !== 0);
      // Phantom state: the keyboard cannot tell which keys are down. Changes nothing.
      if (keys.includes(KEY_ERROR_ROLLOVER)) return ok(null);
      const pressed = keys.filter((k) => !down.has(k));
      down = new Set(keys);
      if (pressed.length === 0) {
        if (hex.length) hex.push(toHex(report));
        return ok(null);
      }
      hex.push(toHex(report));
      const shift = (modifiers & MOD_SHIFT) !== 0;
      const altGr =
        (modifiers & MOD_ALT_RIGHT) !== 0 || (modifiers & MOD_CTRL_LEFT && modifiers & MOD_ALT_LEFT) !== 0;
      for (const key of pressed) {
        if (key === KEY_ENTER || key === KEY_KEYPAD_ENTER || key === KEY_TAB) return finish();
        if (key === KEY_BACKSPACE) {
          text = text.slice(0, -1);
          continue;
        }
        const entry = layout[key];
        const ch = entry ? (altGr ? entry[2] : shift ? entry[1] : entry[0]) : null;
        if (ch == null) unmapped.push(key);
        else type(ch);
      }
      if (text.length > MAX_SCAN_TEXT) {
        reset();
        return err('too-long', `A keyboard scan longer than ${MAX_SCAN_TEXT} characters was dropped.`);
      }
      return ok(null);
    },
  };
}
