import { z } from 'zod';
import { JOURNAL_BOUNDS as B } from './bounds';
import { envelopeSchema } from './envelope';
import { saleSpendShape } from './spend';
import {
  businessDayField,
  centsField,
  codeField,
  currencyField,
  epochMsField,
  idField,
  nameField,
  nonNegativeCentsField,
  type Known,
} from './fields';

/**
 * The version of the sale event this build writes. Older versions stay readable: the server
 * validates each at its own version and upcasts it (upcasters.ts, event-types.ts).
 */
export const JOURNAL_SCHEMA_VERSION = 5;

export const GENESIS_HASH = '0'.repeat(64);

// Every object is loose: a field a newer till adds survives parsing, so the hash still verifies.

const saleLineV1Shape = {
  lineId: idField,
  productId: idField,
  code: codeField,
  name: nameField,
  /** Units for items sold each; 1 for a weighed or price-embedded line. */
  quantity: z.number().int().min(1).max(B.maxQuantity),
  /** Grams, for a weighed line. */
  weightGrams: z.number().int().min(1).max(B.maxWeightGrams).optional(),
  /** Price per unit, or per kg for a weighed line. */
  unitPriceCents: centsField,
  amountCents: centsField,
};

export const paymentSchema = z.looseObject({
  method: z.enum(['cash', 'card']),
  amountCents: centsField,
  /** Cash handed over, and the change given back. */
  tenderedCents: centsField.optional(),
  changeCents: centsField.optional(),
});
export type Payment = Known<z.infer<typeof paymentSchema>>;

/** What a sale of every version has beside the envelope. */
const saleBaseShape = {
  ...envelopeSchema.shape,
  type: z.literal('sale'),
  /** Terminal wall clock, epoch ms: informative, never trusted for order. */
  createdAt: epochMsField,
  /** Store-local date the terminal believed. */
  businessDay: businessDayField,
  currency: currencyField,
  totalCents: centsField,
  payments: z.array(paymentSchema).min(1).max(B.maxPayments),
};

/** Sale v1, as the first tills wrote it (now with bounds). */
export const saleLineV1Schema = z.looseObject(saleLineV1Shape);
export type SaleLineV1 = Known<z.infer<typeof saleLineV1Schema>>;

export const saleV1Schema = z.looseObject({
  ...saleBaseShape,
  schemaVersion: z.literal(1),
  lines: z.array(saleLineV1Schema).min(1).max(B.maxLines),
  memberId: idField.optional(),
});
export type SaleEventV1 = Known<z.infer<typeof saleV1Schema>>;

/** Sale v2 (current): subtotal and discounts, on the basket and on each line; memberId always present. */
export const saleLineSchema = z.looseObject({
  ...saleLineV1Shape,
  /** This line's share of the discounts; amountCents − discountCents is what the line costs. */
  discountCents: nonNegativeCentsField,
});
export type SaleLine = Known<z.infer<typeof saleLineSchema>>;

export const saleV2Schema = z.looseObject({
  ...saleBaseShape,
  schemaVersion: z.literal(2),
  lines: z.array(saleLineSchema).min(1).max(B.maxLines),
  /** Σ line amountCents, before discounts. */
  subtotalCents: centsField,
  /** The basket's discounts; totalCents = subtotalCents − discountCents. */
  discountCents: nonNegativeCentsField,
  /** Loyalty travels inside the sale: the member, or null for an anonymous sale. */
  memberId: idField.nullable(),
});
export type SaleEventV2 = Known<z.infer<typeof saleV2Schema>>;

/**
 * One ledger row the sale implies, as core/rules `ledgerFor` makes it: a deterministic id (the same
 * sale evaluated again gives the same ids, so a retry or a refold never adds a row), the account
 * ('points', 'stamps:<card>', …), the amount in its unit, and the program version and rule behind it.
 */
export const loyaltyEntrySchema = z.looseObject({
  id: z.string().min(1).max(B.maxLedgerIdLength),
  account: z.string().min(1).max(B.maxCodeLength),
  unit: z.string().min(1).max(B.maxCodeLength),
  amount: z.number().int().min(-B.maxPoints).max(B.maxPoints),
  programId: idField,
  programVersion: z
    .number()
    .int()
    .min(1)
    .max(B.maxSchemaVersion * 1000),
  ruleId: idField,
  text: nameField,
});
export type LoyaltyEntry = Known<z.infer<typeof loyaltyEntrySchema>>;

/**
 * Loyalty travels inside the sale (DESIGN.md): who earned, with which program versions, and the
 * ledger rows — evaluated by the till, folded by the server exactly once.
 */
export const saleLoyaltySchema = z.looseObject({
  /** The member the sale was identified with; null for a card the till did not know offline. */
  memberId: idField.nullable(),
  /** The card number of a provisional member (unknown card offline); the server matches it later. */
  provisionalCard: codeField.nullable(),
  /** The program versions the till evaluated. */
  programs: z
    .array(
      z.looseObject({
        programId: idField,
        version: z
          .number()
          .int()
          .min(1)
          .max(B.maxSchemaVersion * 1000),
      }),
    )
    .max(B.maxPrograms),
  ledger: z.array(loyaltyEntrySchema).max(B.maxLedgerEntries),
});
export type SaleLoyalty = Known<z.infer<typeof saleLoyaltySchema>>;

/** Sale v3: v2 plus the loyalty block (null for an anonymous sale). */
export const saleV3Schema = z.looseObject({
  ...saleV2Schema.shape,
  schemaVersion: z.literal(3),
  loyalty: saleLoyaltySchema.nullable(),
});
export type SaleEventV3 = Known<z.infer<typeof saleV3Schema>>;

/**
 * A donation the customer paid on top of the goods (a round-up for a cause): not revenue, so it is
 * not in totalCents; the payments cover totalCents + Σ donations.
 */
export const saleDonationSchema = z.looseObject({
  cause: nameField,
  cents: z.number().int().min(1).max(B.maxAbsCents),
});
export type SaleDonation = Known<z.infer<typeof saleDonationSchema>>;

/**
 * Sale v4: v3 plus the customer's choices as basket flags (what a rule's `basket-flag`
 * condition reads, e.g. 'round-up') and the donations the sale collected. The server re-evaluates
 * with these flags, so a choice the customer made is not drift.
 */
export const saleV4Schema = z.looseObject({
  ...saleV3Schema.shape,
  schemaVersion: z.literal(4),
  flags: z.array(codeField).max(B.maxFlags),
  donations: z.array(saleDonationSchema).max(B.maxDonations),
});
export type SaleEventV4 = Known<z.infer<typeof saleV4Schema>>;

/**
 * Sale v5 (current, issue 9): v4 plus what the sale spent — payments by points and gift card,
 * rewards redeemed, coupons used, codes issued, the manager overrides that allowed it
 * (spend.ts). The points spent are negative 'points' rows of the loyalty ledger.
 */
export const saleV5Schema = z.looseObject({
  ...saleV4Schema.shape,
  schemaVersion: z.literal(5),
  ...saleSpendShape,
});
export type SaleEvent = Known<z.infer<typeof saleV5Schema>>;

/** @deprecated the landed name of the current sale schema; use saleV5Schema. */
export const saleEventSchema = saleV5Schema;

// The union of every current event type lives in journal-event.ts (the other types import this file).
export type { JournalEvent, UnsignedEvent } from './journal-event';
