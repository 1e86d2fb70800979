import { z } from 'zod';
import { JOURNAL_BOUNDS as B } from './bounds';
import { envelopeSchema } from './envelope';
import {
  businessDayField,
  centsField,
  currencyField,
  epochMsField,
  idField,
  nameField,
  nonNegativeCentsField,
  type Known,
} from './fields';

/*
 * The end of a cashier's shift at one till (issue 10): the till's own count of what it sold, the
 * cash the cashier counted per denomination, and the seq range it covers, so the server can
 * reconcile the shift against what it folded for that till (counts, tenders, points, missing seqs).
 * Like every till event it is immutable; a recount is a new shift-close.
 */

const countField = z
  .number()
  .int()
  .min(0)
  .max(B.maxValues * 1000);
const pointsTotal = z.number().int().min(-B.maxPoints).max(B.maxPoints);

export const shiftCloseV1Schema = z.looseObject({
  ...envelopeSchema.shape,
  type: z.literal('shift-close'),
  schemaVersion: z.literal(1),
  createdAt: epochMsField,
  businessDay: businessDayField,
  currency: currencyField,
  cashier: z.looseObject({ id: idField, name: nameField }),
  openedAt: epochMsField,
  /** The first and last seq of this till's journal the shift covers (the shift-close's own seq is after). */
  firstSeq: z.number().int().min(1).max(B.maxSeq),
  lastSeq: z.number().int().min(0).max(B.maxSeq),
  /** Cash counted by the cashier: denomination in cents → how many. */
  counted: z
    .array(z.looseObject({ denominationCents: z.number().int().min(1).max(100_000_00), count: countField }))
    .max(40),
  countedCashCents: nonNegativeCentsField,
  /** Opening float plus cash taken minus cash given back, as the till computed it. */
  expectedCashCents: centsField,
  floatCents: nonNegativeCentsField,
  /** Net per tender kind (cash, card, points, gift-card), sales minus refunds, in cents. */
  tenders: z
    .array(z.looseObject({ tender: z.string().min(1).max(B.maxTypeLength), cents: centsField }))
    .max(20),
  sales: z.looseObject({ count: countField, totalCents: centsField }),
  returns: z.looseObject({ count: countField, totalCents: centsField }),
  points: z.looseObject({ issued: pointsTotal, redeemed: pointsTotal }),
});
export type ShiftCloseEvent = Known<z.infer<typeof shiftCloseV1Schema>>;
