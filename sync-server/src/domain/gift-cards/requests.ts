import { z } from 'zod';
import { JOURNAL_BOUNDS as B } from '../../../../core/journal/bounds';
import { currencyField, idField } from '../../../../core/journal/fields';
import { GIFT_CARD_KINDS } from '../../../../core/loyalty/gift-card';

/** What HQ asks of gift cards (the admin API and the CLI parse with these). */
const keyField = z.string().min(1).max(B.maxIdempotencyKeyLength);
const amountField = z.number().int().min(0).max(B.maxAbsCents);

/** `POST /admin/gift-cards`: a new card of a store, with the caller's idempotency key. */
export const issueGiftCardRequestSchema = z.strictObject({
  kind: z.enum(GIFT_CARD_KINDS),
  /** What it starts with, in cents (0: loaded later). */
  amountCents: amountField,
  /** Default: the store's currency. */
  currency: currencyField.optional(),
  storeId: idField,
  key: keyField,
});
export type IssueGiftCardRequest = z.output<typeof issueGiftCardRequestSchema>;

/** `POST /admin/gift-cards/:code/load`: a top-up. */
export const loadGiftCardRequestSchema = z.strictObject({
  amountCents: amountField.min(1),
  key: keyField,
});
export type LoadGiftCardRequest = z.output<typeof loadGiftCardRequestSchema>;

/** A code as typed or printed (groups, spaces): upper case, no separators; undefined when it is none. */
export function normalizeGiftCardCode(text: string): string | undefined {
  const code = text.replace(/[-\s]/g, '').toUpperCase();
  return /^[0-9A-Z]{1,64}$/.test(code) ? code : undefined;
}
