import type { FastifyInstance } from 'fastify';
import { loyaltyActionRequestSchema, postLoyaltyAction } from '../../domain/server-stream/loyalty-action';
import { requireAdmin } from '../auth';
import type { AppContext } from '../context';
import { parseOr422, sendError } from '../errors';

/**
 * `POST /events`: a member's non-purchase action (review, referral, survey, …) from HQ or an
 * integration, behind the admin token (an integration token of its own can come later). Evaluated
 * by the rules engine, folded into the ledger, idempotent on `key`: 201 with the result the first
 * time, 200 with the same result for the same key again (nothing written); 404 for an unknown
 * member or card, 422 for an invalid body or a key used for another action.
 */
export async function eventsRoute(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.addHook('onRequest', async (req, reply) => {
    if (!requireAdmin(ctx, req, reply)) return reply;
  });
  app.post('/events', async (req, reply) => {
    const body = parseOr422(loyaltyActionRequestSchema, req.body, reply);
    if (!body) return reply;
    const r = await postLoyaltyAction(ctx.storage, body, ctx.clock(), ctx.fold);
    if (!r.ok) return sendError(reply, r.reason, r.message);
    if (!r.value.replayed) {
      req.log.info(
        { eventId: r.value.eventId, memberId: r.value.memberId, points: r.value.points },
        'loyalty action',
      );
    }
    return reply.code(r.value.replayed ? 200 : 201).send(r.value);
  });
}
