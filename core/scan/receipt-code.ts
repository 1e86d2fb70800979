import { err, ok, type Result } from '../result/result';

/**
 * The code printed on every sale receipt (issue 9, returns): it finds the sale again at any till
 * of the store — in the till's own journal, or from the server for another till's sale. Plain text
 * `KASSA-R:<storeId>:<terminalId>:<saleId>`, drawn as a QR code and printed beside it, so a
 * scanner reads it and a cashier can type it. Not signed: it only names a sale; the sale itself
 * comes from the journal or from the server, which answers only for the till's own store.
 */
export const RECEIPT_CODE_PREFIX = 'KASSA-R:';

/** An id inside the code: the characters ids of this system use, bounded like the journal's ids. */
const ID_PART = /^[A-Za-z0-9._-]{1,64}$/;
/** Prefix + three ids + two separators: nothing longer can be a receipt code. */
export const MAX_RECEIPT_CODE_LENGTH = RECEIPT_CODE_PREFIX.length + 3 * 64 + 2;

export interface ReceiptRef {
  storeId: string;
  terminalId: string;
  saleId: string;
}

export type ReceiptCodeReason = 'not-receipt-code' | 'malformed';

/** Whether a scan is meant as a receipt code (then a failure to parse is 'malformed', not unknown). */
export function startsReceiptCode(text: string): boolean {
  return text.toUpperCase().startsWith(RECEIPT_CODE_PREFIX);
}

/** The code of a sale; 'malformed' when an id holds a character the code cannot carry. */
export function formatReceiptCode(ref: ReceiptRef): Result<string, 'malformed'> {
  const parts = [ref.storeId, ref.terminalId, ref.saleId];
  if (!parts.every((p) => ID_PART.test(p))) {
    return err('malformed', 'A receipt code can carry ids of letters, digits, ".", "_" and "-" only.');
  }
  return ok(`${RECEIPT_CODE_PREFIX}${parts.join(':')}`);
}

/**
 * The sale a scanned receipt code names. The prefix is read case-insensitively (a scanner in the
 * wrong caps mode); the ids are kept as written (they are case-sensitive).
 */
export function parseReceiptCode(text: string): Result<ReceiptRef, ReceiptCodeReason> {
  const trimmed = text.trim();
  if (!startsReceiptCode(trimmed)) return err('not-receipt-code', 'This is not a receipt code.');
  if (trimmed.length > MAX_RECEIPT_CODE_LENGTH) {
    return err('malformed', 'This receipt code is too long to name a sale.');
  }
  const parts = trimmed.slice(RECEIPT_CODE_PREFIX.length).split(':');
  const [storeId, terminalId, saleId] = parts;
  if (parts.length !== 3 || storeId === undefined || terminalId === undefined || saleId === undefined) {
    return err('malformed', 'A receipt code names a store, a till and a sale.');
  }
  if (![storeId, terminalId, saleId].every((p) => ID_PART.test(p))) {
    return err('malformed', 'This receipt code holds characters no receipt code has.');
  }
  return ok({ storeId, terminalId, saleId });
}
