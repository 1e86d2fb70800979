import type { FastifyInstance } from 'fastify';
import { terminalKeysPath, type TerminalKeys } from '../../../../core/sync/terminal-keys';
import { memberAppKeys } from '../../domain/member-app-keys';
import { requireTerminal } from '../auth';
import type { AppContext } from '../context';

/**
 * The keys a paired till verifies with offline (core/sync/terminal-keys.ts). Under /sync/, so the
 * terminal token is checked before anything else; never cached by a proxy. The member-app key is
 * the chain's (a member shops at every store), so every till gets the same one.
 */
export function terminalKeysRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get(terminalKeysPath, async (req, reply) => {
    const who = await requireTerminal(ctx, req, reply);
    if (!who) return reply;
    const keys = await memberAppKeys(ctx.storage, ctx.clock());
    req.log.info({ keyIds: keys.map((k) => k.keyId) }, 'terminal keys sent');
    void reply.header('cache-control', 'no-store');
    const answer: TerminalKeys = {
      terminalId: who.terminalId,
      memberApp: {
        keys: keys.map((k) => ({ keyId: k.keyId, key: Buffer.from(k.key).toString('base64url') })),
      },
    };
    return answer;
  });
}
