/**
 * What a keyboard-mode scanner's key codes mean. The scanner is set to the host's keyboard layout
 * and presses the keys that would type each character on it, so decoding inverts that layout:
 * HID usage (Keyboard/Keypad page 0x07) + modifiers → character. Tables follow Microsoft's
 * KBDUS, KBDGR (German) and KBDNE (Dutch, Netherlands) layouts for the printable characters.
 *
 * A key entry is [plain, shift, altGr]; a string of the form "dead:x" is a dead key (x is typed
 * when the next key is Space, or before the next character otherwise).
 */
export type KeyboardLayoutName = 'us' | 'de' | 'nl';
export type KeyEntry = readonly [plain: string | null, shift: string | null, altGr?: string | null];
export type KeyboardLayout = Readonly<Record<number, KeyEntry>>;

const letters = (swap: Readonly<Record<string, string>> = {}): Record<number, KeyEntry> => {
  const keys: Record<number, KeyEntry> = {};
  for (let i = 0; i < 26; i++) {
    const us = String.fromCharCode(97 + i);
    const ch = swap[us] ?? us;
    keys[0x04 + i] = [ch, ch.toUpperCase()];
  }
  return keys;
};

/** Keys that mean the same on every layout: space and the numeric keypad (scanners use it for digits). */
const common: Record<number, KeyEntry> = {
  0x2c: [' ', ' '],
  0x54: ['/', '/'],
  0x55: ['*', '*'],
  0x56: ['-', '-'],
  0x57: ['+', '+'],
  0x59: ['1', '1'],
  0x5a: ['2', '2'],
  0x5b: ['3', '3'],
  0x5c: ['4', '4'],
  0x5d: ['5', '5'],
  0x5e: ['6', '6'],
  0x5f: ['7', '7'],
  0x60: ['8', '8'],
  0x61: ['9', '9'],
  0x62: ['0', '0'],
};

const us: KeyboardLayout = {
  ...letters(),
  ...common,
  0x1e: ['1', '!'],
  0x1f: ['2', '@'],
  0x20: ['3', '#'],
  0x21: ['4', '$'],
  0x22: ['5', '%'],
  0x23: ['6', '^'],
  0x24: ['7', '&'],
  0x25: ['8', '*'],
  0x26: ['9', '('],
  0x27: ['0', ')'],
  0x2d: ['-', '_'],
  0x2e: ['=', '+'],
  0x2f: ['[', '{'],
  0x30: [']', '}'],
  0x31: ['\\', '|'],
  0x32: ['\\', '|'],
  0x33: [';', ':'],
  0x34: ["'", '"'],
  0x35: ['`', '~'],
  0x36: [',', '<'],
  0x37: ['.', '>'],
  0x38: ['/', '?'],
  0x63: ['.', '.'],
  0x64: ['\\', '|'],
};

const de: KeyboardLayout = {
  ...letters({ y: 'z', z: 'y' }),
  ...common,
  0x08: ['e', 'E', '€'],
  0x10: ['m', 'M', 'µ'],
  0x14: ['q', 'Q', '@'],
  0x1e: ['1', '!'],
  0x1f: ['2', '"', '²'],
  0x20: ['3', '§', '³'],
  0x21: ['4', '$'],
  0x22: ['5', '%'],
  0x23: ['6', '&'],
  0x24: ['7', '/', '{'],
  0x25: ['8', '(', '['],
  0x26: ['9', ')', ']'],
  0x27: ['0', '=', '}'],
  0x2d: ['ß', '?', '\\'],
  0x2e: ['dead:´', 'dead:`'],
  0x2f: ['ü', 'Ü'],
  0x30: ['+', '*', '~'],
  0x31: ['#', "'"],
  0x32: ['#', "'"],
  0x33: ['ö', 'Ö'],
  0x34: ['ä', 'Ä'],
  0x35: ['dead:^', '°'],
  0x36: [',', ';'],
  0x37: ['.', ':'],
  0x38: ['-', '_'],
  0x63: [',', ','],
  0x64: ['<', '>', '|'],
};

const nl: KeyboardLayout = {
  ...letters(),
  ...common,
  0x08: ['e', 'E', '€'],
  0x10: ['m', 'M', 'µ'],
  0x15: ['r', 'R', '¶'],
  0x16: ['s', 'S', 'ß'],
  0x1d: ['z', 'Z', '«'],
  0x1b: ['x', 'X', '»'],
  0x06: ['c', 'C', '¢'],
  0x1e: ['1', '!', '¹'],
  0x1f: ['2', '"', '²'],
  0x20: ['3', '#', '³'],
  0x21: ['4', '$', '¼'],
  0x22: ['5', '%', '½'],
  0x23: ['6', '&', '¾'],
  0x24: ['7', '_', '£'],
  0x25: ['8', '(', '{'],
  0x26: ['9', ')', '}'],
  0x27: ['0', "'"],
  0x2d: ['/', '?', '\\'],
  0x2e: ['°', 'dead:~', 'dead:¸'],
  0x2f: ['dead:¨', 'dead:^'],
  0x30: ['*', '|'],
  0x31: ['<', '>'],
  0x32: ['<', '>'],
  0x33: ['+', '±'],
  0x34: ['dead:´', 'dead:`'],
  0x35: ['@', '§', '¬'],
  0x36: [',', ';'],
  0x37: ['.', ':', '·'],
  0x38: ['-', '='],
  0x63: [',', ','],
  0x64: [']', '[', '¦'],
};

export const keyboardLayouts: Readonly<Record<KeyboardLayoutName, KeyboardLayout>> = { us, de, nl };
