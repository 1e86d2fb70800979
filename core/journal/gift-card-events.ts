import { z } from 'zod';
import { GIFT_CARD_KINDS } from '../loyalty/gift-card';
import { JOURNAL_BOUNDS as B } from './bounds';
import { envelopeSchema } from './envelope';
import { codeField, currencyField, epochMsField, nonNegativeCentsField, type Known } from './fields';
import { SERVER_TERMINAL_ID } from './server-events';

/*
 * Gift cards and store credit on the server's own stream (issue 9): only HQ issues a card or tops
 * one up, so these events have terminalId `hq` like server-events.ts (no till can push one). Their
 * ids derive from the caller's idempotency key (`key`): the same request again writes nothing.
 * The gift-cards projection folds them into the card's ledger (core/loyalty/gift-card.ts).
 */

// The same envelope as server-events.ts (kept beside these schemas rather than exported there).
const serverEnvelopeShape = {
  ...envelopeSchema.shape,
  terminalId: z.literal(SERVER_TERMINAL_ID),
  schemaVersion: z.literal(1),
  createdAt: epochMsField,
};

const keyField = z.string().min(1).max(B.maxIdempotencyKeyLength);

/** A new card: its signed code (serial from the server's counter), kind, currency and first value. */
export const giftCardIssuedV1Schema = z.looseObject({
  ...serverEnvelopeShape,
  type: z.literal('gift-card-issued'),
  code: codeField,
  kind: z.enum(GIFT_CARD_KINDS),
  currency: currencyField,
  /** The value it starts with (may be 0: loaded later). */
  amountCents: nonNegativeCentsField,
  key: keyField,
});
export type GiftCardIssuedEvent = Known<z.infer<typeof giftCardIssuedV1Schema>>;

/** A top-up of a card the server issued. */
export const giftCardLoadedV1Schema = z.looseObject({
  ...serverEnvelopeShape,
  type: z.literal('gift-card-loaded'),
  code: codeField,
  amountCents: nonNegativeCentsField.min(1),
  key: keyField,
});
export type GiftCardLoadedEvent = Known<z.infer<typeof giftCardLoadedV1Schema>>;

export type GiftCardServerEvent = GiftCardIssuedEvent | GiftCardLoadedEvent;
