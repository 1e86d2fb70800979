import { z } from 'zod';
import { SYNC_BASE } from './protocol';

/**
 * GET /sync/v1/terminal/keys (terminal token): the keys this till needs to check codes offline.
 * `memberApp.keys`: the chain's member-app keys, current first, then the previous one while a
 * rotation is under way (core/loyalty/member-app-code.ts derives each member's secret). Keys
 * are base64url. The till keeps the answer and verifies with it after a restart, offline too.
 * `codes` (issue 9): the chain's keys for signed codes the till checks offline, per format
 * ('kassa-coupon', 'kassa-gift-card'; core/scan/scan-config.ts), current key first. Optional: an
 * older server does not send it, and its answer still parses (the till then has no signed codes).
 */
export const terminalKeysPath = `${SYNC_BASE}/terminal/keys`;

const base64url = z
  .string()
  .min(22)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

const keySchema = z.object({ keyId: z.string().min(1).max(64), key: base64url });

/** The keys of one signed-code format. */
export const codeKeysSchema = z.object({
  formatId: z.string().min(1).max(64),
  keys: z.array(keySchema).min(1).max(4),
});
export type CodeKeys = z.infer<typeof codeKeysSchema>;

/** The signed-code formats whose keys the server hands to tills. */
export const COUPON_FORMAT_ID = 'kassa-coupon';
export const GIFT_CARD_FORMAT_ID = 'kassa-gift-card';

export const terminalKeysSchema = z.object({
  terminalId: z.string().min(1).max(64),
  memberApp: z.object({
    keys: z.array(keySchema).min(1).max(4),
  }),
  codes: z.array(codeKeysSchema).max(16).optional(),
});
export type TerminalKeys = z.infer<typeof terminalKeysSchema>;
