import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listRevocations, revokeInputSchema, revokeTerminal } from '../../domain/terminal-revocation';
import { requireAdmin } from '../auth';
import type { AppContext } from '../context';
import { parseOr422, sendError } from '../errors';
import type { OpenStreams } from '../open-streams';

const terminalParams = z.object({ terminalId: z.string().min(1).max(200) });

/**
 * Revoking a terminal's credential (issue 11): `POST /admin/terminals/:terminalId/revoke`
 * `{reason?, by?}` and the audit `GET /admin/terminal-revocations`. The revoked terminal's open
 * streams on this server close at once; its next push or pull gets 401 `terminal-revoked`.
 */
export function terminalRevocationRoutes(app: FastifyInstance, ctx: AppContext, streams: OpenStreams): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!requireAdmin(ctx, req, reply)) return reply;
  });

  app.post('/admin/terminals/:terminalId/revoke', async (req, reply) => {
    const p = parseOr422(terminalParams, req.params, reply);
    if (!p) return reply;
    const body = parseOr422(revokeInputSchema, req.body ?? {}, reply);
    if (!body) return reply;
    const r = await revokeTerminal(
      ctx.storage,
      {
        terminalId: p.terminalId,
        by: body.by ?? 'admin-api',
        ...(body.reason ? { reason: body.reason } : {}),
      },
      ctx.clock(),
    );
    if (!r.ok) return sendError(reply, r.reason, r.message);
    const streamsClosed = streams.closeTerminal(p.terminalId);
    req.log.warn({ terminalId: p.terminalId, streamsClosed, already: r.value.already }, 'terminal revoked');
    return { ...r.value, streamsClosed };
  });

  app.get('/admin/terminal-revocations', async () => ({ revocations: await listRevocations(ctx.storage) }));
}
