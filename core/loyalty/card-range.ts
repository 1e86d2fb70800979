import { checkDigitFor } from '../scan/check-digit';
import type { LoyaltyCardFormat } from '../scan/loyalty-card';
import { DEMO_SCAN_CONFIG } from '../scan/scan-config';

/**
 * Card numbers a till issues itself (issue 8: "a number from a range allocated to this till, two
 * tills never issue the same number"). A card number is the format's prefix, a serial and the
 * format's check digit; the server hands each till blocks of serials (never overlapping), and the
 * till issues them in order. A number so made is a valid card of its format, so a later scan of
 * the printed or typed number identifies the member.
 */
export interface CardSeries {
  format: LoyaltyCardFormat;
  /** The serials tills may issue (inclusive); the rest of the format's numbering is printed stock. */
  firstSerial: number;
  lastSerial: number;
}

/** A block of serials of one format allocated to one till (inclusive bounds). */
export interface CardBlock {
  formatId: string;
  firstSerial: number;
  lastSerial: number;
}

/** Digits between the prefix and the check digit. */
export function serialDigits(format: LoyaltyCardFormat): number {
  return format.length - format.prefix.length - (format.checkDigit === 'none' ? 0 : 1);
}

/**
 * Why a series cannot be issued from, or null. mod-11 leaves some serials without a check digit,
 * so "the n-th number of a block" would not be a plain sum: such formats are stock-only.
 */
export function seriesProblem(s: CardSeries): string | null {
  const digits = serialDigits(s.format);
  if (s.format.checkDigit === 'mod11') {
    return `${s.format.name}: mod-11 cards cannot be issued from a range (some numbers have no check digit).`;
  }
  if (!/^\d*$/.test(s.format.prefix) || digits < 1 || digits > 15) {
    return `${s.format.name}: a range needs 1 to 15 serial digits after a digit prefix.`;
  }
  if (!Number.isSafeInteger(s.firstSerial) || s.firstSerial < 0 || s.lastSerial < s.firstSerial) {
    return `${s.format.name}: the series must run from a serial ≥ 0 up to a higher one.`;
  }
  if (s.lastSerial >= 10 ** digits) {
    return `${s.format.name}: serial ${s.lastSerial} does not fit in ${digits} digits.`;
  }
  return null;
}

/** The card number of `serial` in `format`: prefix, zero-padded serial, check digit. */
export function cardNumberOf(format: LoyaltyCardFormat, serial: number): string {
  const data = `${format.prefix}${String(serial).padStart(serialDigits(format), '0')}`;
  if (format.checkDigit === 'none') return data;
  const check = checkDigitFor(format.checkDigit, data);
  // seriesProblem() keeps mod-11 out, and gs1/luhn give a digit for every number.
  if (check === undefined) throw new Error(`no check digit for ${data}`);
  return `${data}${check}`;
}

/** The serial of a card number of `format` (prefix, length and check digit right), else undefined. */
export function serialOfCard(format: LoyaltyCardFormat, card: string): number | undefined {
  if (card.length !== format.length || !card.startsWith(format.prefix) || !/^\d+$/.test(card)) {
    return undefined;
  }
  const serial = Number(card.slice(format.prefix.length, format.prefix.length + serialDigits(format)));
  return cardNumberOf(format, serial) === card ? serial : undefined;
}

export const blockSize = (b: CardBlock): number => b.lastSerial - b.firstSerial + 1;

/** The n-th card number of a block (0-based), or undefined past its end. */
export function nthCardOfBlock(format: LoyaltyCardFormat, block: CardBlock, n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n >= blockSize(block)) return undefined;
  return cardNumberOf(format, block.firstSerial + n);
}

const inOrder = (blocks: readonly CardBlock[]) => [...blocks].sort((a, b) => a.firstSerial - b.firstSerial);

/**
 * The lowest serial of `blocks` above `usedThrough` (the highest serial already issued or shown
 * by this till; -1 for none), or undefined when the blocks are used up.
 */
export function nextSerial(blocks: readonly CardBlock[], usedThrough: number): number | undefined {
  for (const b of inOrder(blocks)) {
    if (b.lastSerial <= usedThrough) continue;
    return Math.max(b.firstSerial, usedThrough + 1);
  }
  return undefined;
}

/** How many serials of `blocks` lie above `usedThrough`: what the till can still issue. */
export function remainingSerials(blocks: readonly CardBlock[], usedThrough: number): number {
  let n = 0;
  for (const b of blocks) {
    if (b.lastSerial <= usedThrough) continue;
    n += b.lastSerial - Math.max(b.firstSerial, usedThrough + 1) + 1;
  }
  return n;
}

export const blockHolds = (b: CardBlock, formatId: string, serial: number): boolean =>
  b.formatId === formatId && serial >= b.firstSerial && serial <= b.lastSerial;

/** True when no two blocks share a serial (the server's allocation guarantees it; tests check it). */
export function blocksDisjoint(blocks: readonly CardBlock[]): boolean {
  const byFormat = new Map<string, CardBlock[]>();
  for (const b of blocks) byFormat.set(b.formatId, [...(byFormat.get(b.formatId) ?? []), b]);
  for (const list of byFormat.values()) {
    const sorted = inOrder(list);
    for (let i = 1; i < sorted.length; i++) {
      if ((sorted[i] as CardBlock).firstSerial <= (sorted[i - 1] as CardBlock).lastSerial) return false;
    }
  }
  return true;
}

function demoFob(): LoyaltyCardFormat {
  const f = DEMO_SCAN_CONFIG.loyaltyCards.find((c) => c.id === 'kassa-fob');
  if (!f) throw new Error('the demo scan config lost the kassa-fob format');
  return f;
}

/**
 * The demo store's till-issued numbers: Kassa key-fob numbers (2620…, GS1 check digit) with
 * serials 50,000,000–99,999,999; serials below are the printed stock (the demo members hold
 * 1–20). Store settings carry no card formats yet (as for scanning, checkout/interpret-scan.ts),
 * so the server and every till use this one series.
 */
export const DEMO_CARD_SERIES: CardSeries = {
  format: demoFob(),
  firstSerial: 50_000_000,
  lastSerial: 99_999_999,
};
