import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseZonedInstant } from '../../../../core/time/zoned-instant';
import { memberAppCode } from '../../domain/member-app-code';
import { requireAdmin } from '../auth';
import type { AppContext } from '../context';
import { parseOr422, sendError } from '../errors';

const params = z.object({ ref: z.string().min(1).max(64) });
const query = z.object({ at: z.string().min(1).max(64).optional() });

/**
 * `GET /admin/members/:ref/app-code[?at=<zoned ISO>]` (admin token): the QR text the member's app
 * shows now (or at `at`), and the otpauth:// URI a member app is provisioned with — what
 * `kassa-server members app-code` prints, so a tester can show a code with a phone.
 */
export async function memberAppCodeRoute(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.addHook('onRequest', async (req, reply) => {
    if (!requireAdmin(ctx, req, reply)) return reply;
  });
  app.get('/admin/members/:ref/app-code', async (req, reply) => {
    const p = parseOr422(params, req.params, reply);
    const q = p && parseOr422(query, req.query, reply);
    if (!p || !q) return reply;
    const now = ctx.clock();
    let at = now;
    if (q.at !== undefined) {
      const parsed = parseZonedInstant(q.at);
      if (!parsed.ok) return sendError(reply, 'invalid-input', `at ${parsed.message}`);
      at = parsed.value;
    }
    const r = await memberAppCode(ctx.storage, p.ref, at, now);
    if (!r.ok) return sendError(reply, r.reason, r.message);
    void reply.header('cache-control', 'no-store');
    return {
      ...r.value,
      at: new Date(r.value.at).toISOString(),
      changesAt: new Date(r.value.changesAt).toISOString(),
      acceptedUntil: new Date(r.value.acceptedUntil).toISOString(),
    };
  });
}
