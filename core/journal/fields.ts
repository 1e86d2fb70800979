import { z } from 'zod';
import { isCalendarDate, JOURNAL_BOUNDS as B } from './bounds';

/** The bounded building blocks every event schema is made of (limits in bounds.ts). */
export const ulidField = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');
export const sha256HexField = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest');
export const idField = z.string().min(1).max(B.maxIdLength);
export const codeField = z.string().min(1).max(B.maxCodeLength);
export const nameField = z.string().max(B.maxNameLength);
/** Signed minor units, |x| ≤ maxAbsCents. */
export const centsField = z.number().int().min(-B.maxAbsCents).max(B.maxAbsCents);
/** A discount, a tendered amount, …: 0 ≤ x ≤ maxAbsCents. */
export const nonNegativeCentsField = z.number().int().min(0).max(B.maxAbsCents);
/** Epoch milliseconds; z.int() is already bounded to safe integers (≤ 2^53 − 1). */
export const epochMsField = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const businessDayField = z
  .string()
  .refine(isCalendarDate, 'must be a real calendar date written YYYY-MM-DD (years 2000–2999)');
export const currencyField = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');

/**
 * The type of a parsed loose object without its `[key: string]: unknown` index signature, nested
 * too. The schemas keep unknown fields (so a newer till's event survives); the TypeScript type
 * names only the fields this build knows, so a typo in code that builds an event still fails to compile.
 */
export type Known<T> = T extends readonly (infer U)[]
  ? Known<U>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : number extends K ? never : K]: Known<T[K]> }
    : T;
