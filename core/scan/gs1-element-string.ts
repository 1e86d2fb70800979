import { err, ok, type Result } from '../result/result';
import { roundHalfAwayFromZero } from '../money/money';
import { hasValidCheckDigit } from './gtin';
import { printable } from './product-code';

/**
 * GS1 element strings as 2D imagers send them (GS1 DataMatrix ]d2, GS1 QR ]Q3, GS1-128 ]C1,
 * DataBar ]e0): application identifiers (AIs) each followed by their value. Values of
 * predefined length need no separator; variable-length values end at a GS (ASCII 29, the FNC1 a
 * scanner transmits) or at the end. The bracketed human-readable form "(01)…(17)…" is read too.
 */
export const GS = '\u001d';

export interface Gs1Element {
  ai: string;
  value: string;
}

export interface Gs1Data {
  /** AI 01 (or 02), GTIN-14 with a valid check digit. */
  gtin: string;
  /** Catalogue key: GTIN-13 or GTIN-8 when the GTIN-14 is one padded with zeros, else the GTIN-14. */
  lookupCode: string;
  /** AI 10. */
  batch?: string;
  /** AI 17 as YYYY-MM-DD (day 00 = last day of the month). */
  expiry?: string;
  /** AI 15 as YYYY-MM-DD. */
  bestBefore?: string;
  /** AI 310n: net weight in kg with n decimals, in grams. */
  netWeightGrams?: number;
  /** AI 21. */
  serial?: string;
  elements: Gs1Element[];
}

export type Gs1Reason = 'malformed' | 'checksum' | 'no-gtin';

/** AI length (2–4 digits) by its first two digits (GS1 General Specifications, AI table). */
function aiLength(first2: number): number | undefined {
  if (first2 <= 4 || (first2 >= 10 && first2 <= 22) || first2 === 30 || first2 === 37) return 2;
  if (first2 >= 90) return 2;
  if ((first2 >= 23 && first2 <= 25) || (first2 >= 40 && first2 <= 42) || first2 === 71) return 3;
  if ((first2 >= 31 && first2 <= 36) || first2 === 39 || first2 === 43) return 4;
  if (first2 === 70 || first2 === 72 || (first2 >= 80 && first2 <= 82)) return 4;
  return undefined;
}

/** Total length (AI + value) of the elements whose length is predefined, by the AI's first two digits. */
const PREDEFINED: Readonly<Record<number, number>> = {
  0: 20,
  1: 16,
  2: 16,
  3: 16,
  4: 18,
  11: 8,
  12: 8,
  13: 8,
  14: 8,
  15: 8,
  16: 8,
  17: 8,
  18: 8,
  19: 8,
  20: 4,
  31: 10,
  32: 10,
  33: 10,
  34: 10,
  35: 10,
  36: 10,
  41: 16,
};

const MAX_VARIABLE = 90;

/** Splits an element string into elements. `nowYear` resolves two-digit years (GS1 sliding window). */
export function parseGs1ElementString(text: string, nowYear: number): Result<Gs1Data, Gs1Reason> {
  let start = 0;
  while (text[start] === GS) start++; // some scanners send the leading FNC1 too
  const elements = text.startsWith('(') ? splitBracketed(text) : splitRaw(text.slice(start));
  if (!elements.ok) return elements;
  return interpret(elements.value, nowYear);
}

function bad(message: string) {
  return err('malformed' as const, `This GS1 code cannot be read: ${message}. Scan it again.`);
}

function splitRaw(s: string): Result<Gs1Element[], 'malformed'> {
  const out: Gs1Element[] = [];
  let i = 0;
  while (i < s.length) {
    const first2 = Number(s.slice(i, i + 2));
    const len = /^\d\d$/.test(s.slice(i, i + 2)) ? aiLength(first2) : undefined;
    const ai = len === undefined ? undefined : s.slice(i, i + len);
    if (ai === undefined || len === undefined || !/^\d+$/.test(ai) || ai.length !== len) {
      return bad(`no application identifier at position ${i + 1}`);
    }
    const fixed = PREDEFINED[first2];
    let value: string;
    if (fixed !== undefined) {
      value = s.slice(i + len, i + fixed);
      if (value.length !== fixed - len) return bad(`(${ai}) is too short`);
      i += fixed;
      if (s[i] === GS) i++; // a redundant separator after a fixed-length value is tolerated
    } else {
      const end = s.indexOf(GS, i + len);
      value = s.slice(i + len, end < 0 ? s.length : end);
      i = end < 0 ? s.length : end + 1;
    }
    if (value.length === 0 || value.length > MAX_VARIABLE) return bad(`(${ai}) has no valid value`);
    out.push({ ai, value });
  }
  return ok(out);
}

function splitBracketed(s: string): Result<Gs1Element[], 'malformed'> {
  const out: Gs1Element[] = [];
  const re = /\((\d{2,4})\)([^(]*)/y;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < s.length && (m = re.exec(s)) !== null) {
    out.push({ ai: m[1] ?? '', value: m[2] ?? '' });
    at = re.lastIndex;
  }
  if (at !== s.length || out.length === 0) return bad('the bracketed form is broken');
  for (const e of out) {
    const first2 = Number(e.ai.slice(0, 2));
    const fixed = PREDEFINED[first2];
    if (aiLength(first2) !== e.ai.length) return bad(`(${e.ai}) is not an application identifier`);
    if (fixed !== undefined && e.value.length !== fixed - e.ai.length)
      return bad(`(${e.ai}) has the wrong length`);
    if (e.value.length === 0 || e.value.length > MAX_VARIABLE) return bad(`(${e.ai}) has no valid value`);
  }
  return ok(out);
}

function interpret(elements: Gs1Element[], nowYear: number): Result<Gs1Data, Gs1Reason> {
  const data: Partial<Gs1Data> & { elements: Gs1Element[] } = { elements };
  for (const { ai, value } of elements) {
    if (ai === '01' || ai === '02') {
      if (!/^\d{14}$/.test(value)) return bad(`(${ai}) must be 14 digits`);
      if (!hasValidCheckDigit(value)) {
        return err('checksum', `GTIN ${value} in this GS1 code has a wrong check digit. Scan it again.`);
      }
      data.gtin ??= value;
    } else if (ai === '10') data.batch = value;
    else if (ai === '21') data.serial = value;
    else if (ai === '17' || ai === '15') {
      const date = gs1Date(value, nowYear);
      if (!date) return bad(`(${ai}) ${printable(value, 12)} is not a date`);
      if (ai === '17') data.expiry = date;
      else data.bestBefore = date;
    } else if (ai.startsWith('310')) {
      if (!/^\d{6}$/.test(value)) return bad(`(${ai}) must be 6 digits`);
      const decimals = Number(ai[3]);
      if (decimals > 6) return bad(`(${ai}) has too many decimals`);
      const v = Number(value);
      data.netWeightGrams =
        decimals <= 3 ? v * 10 ** (3 - decimals) : roundHalfAwayFromZero(v, 10 ** (decimals - 3));
    } else if (/^(0[0-4]|1[1-9]|20|3[1-6]|41)/.test(ai) && !/^\d+$/.test(value)) {
      return bad(`(${ai}) must be digits`);
    }
  }
  if (!data.gtin) {
    return err('no-gtin', 'This GS1 code carries no product number (AI 01), so it is not a product to sell.');
  }
  const { batch, expiry, bestBefore, netWeightGrams, serial } = data;
  const gtin = data.gtin;
  return ok({
    gtin,
    lookupCode: lookupCodeOf(gtin),
    batch,
    expiry,
    bestBefore,
    netWeightGrams,
    serial,
    elements,
  });
}

function lookupCodeOf(gtin14: string): string {
  if (gtin14.startsWith('000000')) return gtin14.slice(6);
  if (gtin14.startsWith('0')) return gtin14.slice(1);
  return gtin14;
}

/** YYMMDD → YYYY-MM-DD with the GS1 sliding century window (GS1 GenSpecs §7.12); undefined if no date. */
export function gs1Date(yymmdd: string, nowYear: number): string | undefined {
  if (!/^\d{6}$/.test(yymmdd)) return undefined;
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  let dd = Number(yymmdd.slice(4, 6));
  const century = Math.floor(nowYear / 100) * 100;
  const diff = yy - (nowYear % 100);
  const year = diff >= 51 ? century - 100 + yy : diff <= -50 ? century + 100 + yy : century + yy;
  if (mm < 1 || mm > 12) return undefined;
  const lastDay = daysInMonth(year, mm);
  if (dd === 0) dd = lastDay;
  if (dd > lastDay) return undefined;
  return `${year}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
