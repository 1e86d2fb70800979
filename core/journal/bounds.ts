/**
 * Limits on every journal field that reaches storage: far beyond anything a real shop does, well
 * inside what a database column or a JavaScript number holds exactly. The schemas of every event
 * type use these, so a till and the server refuse the same events for the same reason.
 */
export const JOURNAL_BOUNDS = {
  /** terminalId, storeId, lineId, productId, memberId. */
  maxIdLength: 64,
  maxTypeLength: 40,
  maxSchemaVersion: 1000,
  maxSeq: Number.MAX_SAFE_INTEGER,
  /** A seq more than this above the terminal's highest stored seq is refused. */
  maxSeqJump: 1_000_000,
  maxLines: 500,
  maxPayments: 20,
  /** |amount| ≤ 10^11 minor units (a billion euros): 500 of them still sum exactly in a double. */
  maxAbsCents: 100_000_000_000,
  maxQuantity: 100_000,
  maxWeightGrams: 10_000_000,
  maxNameLength: 200,
  maxCodeLength: 64,
  /** Loyalty: ledger rows and program versions per sale, points per row, ledger id length. */
  maxLedgerEntries: 500,
  maxPrograms: 100,
  maxPoints: 1_000_000_000,
  maxLedgerIdLength: 200,
  /** Sale v4: the customer's choices (basket flags such as 'round-up') and the donations collected. */
  maxFlags: 16,
  maxDonations: 20,
  /** Sale v5 (spending): rewards redeemed, coupons used or issued, overrides named per sale. */
  maxRedemptions: 50,
  maxCoupons: 50,
  maxOverrides: 20,
  /** Return v1: the returns one sale can have, and the characters of a reason typed by a person. */
  maxReasonLength: 500,
  /** The server's own stream: ledger rows posted or lots expired per event, and an idempotency key. */
  maxServerBatch: 1000,
  maxIdempotencyKeyLength: 128,
  /** Trace lines a loyalty action keeps (why it earned, or why not). */
  maxTraceLines: 200,
  /** The whole document, unknown fields included: nesting depth, values, and size in characters. */
  maxDepth: 32,
  maxValues: 100_000,
  maxDocumentChars: 1_000_000,
} as const;

const CALENDAR_DATE = /^(2\d{3})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' naming a day that exists, in the years 2000..2999 (2024-02-29 yes, 2026-02-30 no). */
export function isCalendarDate(s: string): boolean {
  const m = CALENDAR_DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
