import type { z } from 'zod';
import { cardBlockSchema, cardRangeRequestSchema, cardRangesResponseSchema } from './card-range-protocol';
import { SYNC_BASE } from './protocol';
import { COUPON_FORMAT_ID } from './terminal-keys';

/**
 * Serial blocks for the codes a till issues offline (issue 9: next-visit coupons, vouchers), the
 * card-range mechanism (card-range-protocol.ts) for the 'kassa-coupon' format's 6-character
 * Crockford serial: a till gets blocks of serials no other till holds, so two tills never issue
 * the same code. GET answers the calling till's blocks; POST asks for one more when it has fewer
 * than CODE_RANGE_LOW left. Same shapes as the card ranges.
 */
export const codeRangesPath = `${SYNC_BASE}/code-ranges`;

/** The format tills issue codes of, and its serial space: 6 Crockford characters. */
export const CODE_RANGE_FORMAT_ID = COUPON_FORMAT_ID;
export const CODE_SERIAL_SPACE = 32 ** 6;
/**
 * Tills issue from this serial up; the serials below (1 in 32) stay for codes HQ prints (the
 * demo's printed coupons), so a printed code never equals one a till issued.
 */
export const CODE_RANGE_FIRST_SERIAL = 32 ** 5;
export const CODE_RANGE_LAST_SERIAL = CODE_SERIAL_SPACE - 1;

/** Serials per block: a busy till issues a few hundred codes a day. */
export const CODE_BLOCK_SIZE = 1_000;
/** A till asks for another block when it has fewer serials left than this. */
export const CODE_RANGE_LOW = 250;
/**
 * A till gets at most this many blocks a day: the server does not see how many serials a till
 * used (a voucher is inside a sale), so it bounds the rate instead of the stock.
 */
export const CODE_BLOCKS_PER_DAY = 20;

export const codeBlockSchema = cardBlockSchema;
export const codeRangeRequestSchema = cardRangeRequestSchema;
export type CodeRangeRequest = z.infer<typeof codeRangeRequestSchema>;
export const codeRangesResponseSchema = cardRangesResponseSchema;
export type CodeRangesResponse = z.infer<typeof codeRangesResponseSchema>;
