import { z } from 'zod';
import { JOURNAL_BOUNDS as B } from './bounds';
import { envelopeSchema } from './envelope';
import {
  businessDayField,
  codeField,
  currencyField,
  epochMsField,
  idField,
  nameField,
  nonNegativeCentsField,
  type Known,
} from './fields';
import { saleLoyaltySchema } from './sale-event';
import { tenderSchema } from './spend';

/**
 * A return (issue 9): goods of one earlier sale come back. It refers to the original sale (found
 * by the receipt's barcode, in the till's own journal, or from the server online) and never edits
 * it. Its lines name the original lines and how much of each comes back; its refunds go back by
 * the original tender types (points back as points, a gift card back to the card); its loyalty
 * block reverses what the returned goods earned (negative rows) and credits back the points spent
 * on the sale in proportion (positive rows), with the ORIGINAL sale's program versions.
 */
export const returnLineSchema = z.looseObject({
  /** The original sale's line. */
  lineId: idField,
  productId: idField,
  name: nameField,
  quantity: z.number().int().min(1).max(B.maxQuantity),
  /** Grams back, for a weighed line (quantity is 1). */
  weightGrams: z.number().int().min(1).max(B.maxWeightGrams).optional(),
  /** What this line gives back: its share of what the customer paid for it, after discounts. */
  refundCents: nonNegativeCentsField,
});
export type ReturnLine = Known<z.infer<typeof returnLineSchema>>;

export const returnV1Schema = z.looseObject({
  ...envelopeSchema.shape,
  type: z.literal('return'),
  schemaVersion: z.literal(1),
  createdAt: epochMsField,
  businessDay: businessDayField,
  currency: currencyField,
  original: z.looseObject({
    saleId: idField,
    terminalId: idField,
    storeId: idField,
    seq: z.number().int().min(1).max(B.maxSeq),
    businessDay: businessDayField,
  }),
  lines: z.array(returnLineSchema).min(1).max(B.maxLines),
  /** Σ lines' refundCents. */
  totalCents: nonNegativeCentsField,
  /** The money (and points, and gift-card value) going back, by the original tender types. */
  refunds: z.array(tenderSchema).max(B.maxPayments),
  /** The member's loyalty reversed; null when the sale had none. */
  loyalty: saleLoyaltySchema.nullable(),
  /** Coupon codes of the sale given back to the member (the coupon's rule allows it). */
  restoredCoupons: z.array(codeField).max(B.maxCoupons),
  reason: z.string().max(B.maxReasonLength),
  overrides: z.array(idField).max(B.maxOverrides),
});
export type ReturnEvent = Known<z.infer<typeof returnV1Schema>>;
export const RETURN_SCHEMA_VERSION = 1;
