import { z } from 'zod';
import { SYNC_BASE } from './protocol';

/**
 * GET /sync/v1/terminal/keys (terminal token): the keys this till needs to check codes offline.
 * `memberApp.keys`: the chain's member-app keys, current first, then the previous one while a
 * rotation is under way (core/loyalty/member-app-code.ts derives each member's secret). Keys
 * are base64url. The till keeps the answer and verifies with it after a restart, offline too.
 */
export const terminalKeysPath = `${SYNC_BASE}/terminal/keys`;

const base64url = z
  .string()
  .min(22)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

export const terminalKeysSchema = z.object({
  terminalId: z.string().min(1).max(64),
  memberApp: z.object({
    keys: z
      .array(z.object({ keyId: z.string().min(1).max(64), key: base64url }))
      .min(1)
      .max(4),
  }),
});
export type TerminalKeys = z.infer<typeof terminalKeysSchema>;
