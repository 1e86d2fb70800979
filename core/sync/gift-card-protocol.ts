import { z } from 'zod';
import { GIFT_CARD_KINDS } from '../loyalty/gift-card';
import { SYNC_BASE } from './protocol';

/**
 * GET /sync/v1/gift-cards/:code (terminal token): a gift card's (or store credit's) balance as
 * the server has folded it, for the till's gift-card tender while it is online. Any store of the
 * chain may take a card, so the lookup is not limited to the till's own store. The balance is
 * what the server knows: spends other tills made offline arrive later (the server then raises
 * `gift-card-overdrawn` when they took the card below zero).
 *
 * Errors (errorBodySchema): 404 `gift-card-unknown` (no card with this code), 400
 * `gift-card-code-invalid` (not a code at all), 401 without a terminal token.
 */
export const giftCardLookupBase = `${SYNC_BASE}/gift-cards`;

/** The lookup path of one (normalised) code. */
export function giftCardPath(code: string): string {
  return `${giftCardLookupBase}/${encodeURIComponent(code)}`;
}

export { GIFT_CARD_KINDS, type GiftCardKind } from '../loyalty/gift-card';

export const GIFT_CARD_STATUSES = ['active', 'blocked'] as const;
export type GiftCardStatus = (typeof GIFT_CARD_STATUSES)[number];

/** Error types of the lookup (the `error.type` of the body). */
export const GIFT_CARD_UNKNOWN = 'gift-card-unknown';
export const GIFT_CARD_CODE_INVALID = 'gift-card-code-invalid';
export type GiftCardLookupError = typeof GIFT_CARD_UNKNOWN | typeof GIFT_CARD_CODE_INVALID;

export const giftCardBalanceSchema = z.object({
  /** Normalised: digits only, no separators. */
  code: z.string().min(1).max(64),
  kind: z.enum(GIFT_CARD_KINDS),
  /** ISO 4217, upper case. */
  currency: z.string().regex(/^[A-Z]{3}$/),
  /**
   * Integer cents. Negative when tills spent more offline than the card held (an overdraft the
   * server has raised as an exception); a till takes no more than max(0, balanceCents).
   */
  balanceCents: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  status: z.enum(GIFT_CARD_STATUSES),
});
export type GiftCardBalance = z.infer<typeof giftCardBalanceSchema>;
