import { z } from 'zod';
import { SYNC_BASE } from './protocol';

/**
 * Card number blocks (core/loyalty/card-range.ts) between a till and the server.
 * GET answers the calling till's own blocks; POST asks for one more block when the till has fewer
 * than CARD_RANGE_LOW numbers left, and answers the till's blocks with the new one. Both carry
 * only the caller's blocks: a till never learns another till's range.
 */
export const cardRangesPath = `${SYNC_BASE}/card-ranges`;

/** Numbers per block: a busy till enrols a few a day, so a block lasts weeks offline. */
export const CARD_BLOCK_SIZE = 500;
/** A till asks for another block when it has fewer numbers left than this. */
export const CARD_RANGE_LOW = 100;
/**
 * The server allocates no block to a till that (by the enrolments folded so far) still holds
 * this many unissued numbers: a till that asks in a loop gets no more than three blocks ahead.
 */
export const CARD_RANGE_MAX_UNISSUED = 3 * CARD_BLOCK_SIZE;

const serial = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const cardBlockSchema = z.object({
  formatId: z.string().min(1).max(64),
  firstSerial: serial,
  lastSerial: serial,
});

export const cardRangeRequestSchema = z.object({
  /** What the till says it has left; the server allocates only below CARD_RANGE_LOW. */
  remaining: z.number().int().nonnegative().max(1_000_000_000),
});
export type CardRangeRequest = z.infer<typeof cardRangeRequestSchema>;

export const cardRangesResponseSchema = z.object({
  blocks: z.array(cardBlockSchema).max(10_000),
  /** The block this request allocated; null when none was (enough left, or the series used up). */
  allocated: cardBlockSchema.nullable(),
});
export type CardRangesResponse = z.infer<typeof cardRangesResponseSchema>;
