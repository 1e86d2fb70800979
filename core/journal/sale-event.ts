import { z } from 'zod';

/** Bumped when the journal event shape changes; replication URLs carry it (see core/sync). */
export const JOURNAL_SCHEMA_VERSION = 1;

export const GENESIS_HASH = '0'.repeat(64);

const cents = z.number().int().safe();
const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest');

export const saleLineSchema = z.object({
  lineId: z.string().min(1),
  productId: z.string().min(1),
  code: z.string().min(1),
  name: z.string(),
  /** Units for items sold each; 1 for a weighed or price-embedded line. */
  quantity: z.number().int().positive(),
  /** Grams, for a weighed line. */
  weightGrams: z.number().int().positive().optional(),
  /** Price per unit, or per kg for a weighed line. */
  unitPriceCents: cents,
  amountCents: cents,
});
export type SaleLine = z.infer<typeof saleLineSchema>;

export const paymentSchema = z.object({
  method: z.enum(['cash', 'card']),
  amountCents: cents,
  /** Cash handed over, and the change given back. */
  tenderedCents: cents.optional(),
  changeCents: cents.optional(),
});
export type Payment = z.infer<typeof paymentSchema>;

/** Fields every journal event has, whatever its type. */
export const eventEnvelopeSchema = z.object({
  id: ulid,
  terminalId: z.string().min(1),
  storeId: z.string().min(1),
  /** Gap-free per terminal: 1, 2, 3, … */
  seq: z.number().int().positive(),
  /** Hash of this terminal's previous event (GENESIS_HASH for seq 1). */
  prevHash: sha256Hex,
  /** SHA-256 of the canonical JSON of this event without `hash`. */
  hash: sha256Hex,
  /** Terminal wall clock, epoch ms: informative, never trusted for order. */
  createdAt: z.number().int().nonnegative(),
  /** Store-local date the terminal believed, YYYY-MM-DD. */
  businessDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  schemaVersion: z.literal(JOURNAL_SCHEMA_VERSION),
});

export const saleEventSchema = eventEnvelopeSchema.extend({
  type: z.literal('sale'),
  currency: z.string().length(3),
  lines: z.array(saleLineSchema).min(1),
  totalCents: cents,
  payments: z.array(paymentSchema).min(1),
  /** Loyalty travels inside the sale (member, effects, ledger entries); filled by the loyalty work. */
  memberId: z.string().optional(),
});
export type SaleEvent = z.infer<typeof saleEventSchema>;

/** The union grows with return, void, enrolment, … each a schema of its own. */
export const journalEventSchema = z.discriminatedUnion('type', [saleEventSchema]);
export type JournalEvent = z.infer<typeof journalEventSchema>;
export type UnsignedEvent<E extends JournalEvent = JournalEvent> = Omit<E, 'hash'>;
