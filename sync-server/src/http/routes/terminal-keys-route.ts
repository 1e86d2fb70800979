import type { FastifyInstance } from 'fastify';
import { terminalKeysPath, type TerminalKeys } from '../../../../core/sync/terminal-keys';
import { terminalCodeKeys } from '../../domain/code-keys';
import { memberAppKeys } from '../../domain/member-app-keys';
import { requireTerminal } from '../auth';
import type { AppContext } from '../context';

/**
 * The keys a paired till verifies with offline (core/sync/terminal-keys.ts). Under /sync/, so the
 * terminal token is checked before anything else; never cached by a proxy. The member-app key is
 * the chain's (a member shops at every store), so every till gets the same one; so are the
 * signed-code keys (a coupon or gift card is good at every store).
 */
export function terminalKeysRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get(terminalKeysPath, async (req, reply) => {
    const who = await requireTerminal(ctx, req, reply);
    if (!who) return reply;
    const keys = await memberAppKeys(ctx.storage, ctx.clock());
    // The chain's coupon and gift-card keys (issue 9): the till checks signed codes offline.
    const codes = await terminalCodeKeys(ctx.storage, ctx.clock());
    req.log.info(
      { keyIds: keys.map((k) => k.keyId), codeKeyIds: codes.map((c) => c.keys.map((k) => k.keyId)) },
      'terminal keys sent',
    );
    void reply.header('cache-control', 'no-store');
    const answer: TerminalKeys = {
      terminalId: who.terminalId,
      memberApp: {
        keys: keys.map((k) => ({ keyId: k.keyId, key: Buffer.from(k.key).toString('base64url') })),
      },
      codes,
    };
    return answer;
  });
}
