import type { FastifyInstance } from 'fastify';
import { claimPoints, claimRequestSchema, type ClaimFailure } from '../../domain/server-stream/points-claim';
import { requireAdmin } from '../auth';
import type { AppContext } from '../context';
import { errorBody, parseOr422 } from '../errors';

/** Each reason a claim is refused, as the member app's backend sees it. */
const STATUS: Record<ClaimFailure, number> = {
  'claim-token-malformed': 422,
  'claim-token-forged': 422,
  'member-unknown': 404,
  'store-unknown': 404,
  // The sale is still on its till: the same request succeeds later.
  'claim-sale-not-synced': 409,
  'claim-sale-has-member': 409,
  'claim-taken': 409,
  'claim-expired': 410,
};

/**
 * `POST /claims` `{token, card | memberId}`: the points of a receipt without a member, claimed by
 * a member (from the member app's backend, behind the admin token like `POST /events`). 201 with
 * the points booked the first time; 200 with the same answer when the same member claims again
 * (nothing written); 409 when another member already claimed it, the sale is not at HQ yet or
 * had a member; 410 after the claim window; 422 for a code that is not a valid claim token.
 */
export async function claimsRoute(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.addHook('onRequest', async (req, reply) => {
    if (!requireAdmin(ctx, req, reply)) return reply;
  });
  app.post('/claims', { bodyLimit: 4 * 1024 }, async (req, reply) => {
    const body = parseOr422(claimRequestSchema, req.body, reply);
    if (!body) return reply;
    const r = await claimPoints(ctx.storage, body, ctx.clock(), ctx.fold);
    if (!r.ok) return reply.code(STATUS[r.reason]).send(errorBody(r.reason, r.message));
    if (!r.value.replayed) {
      req.log.info(
        { claimId: r.value.claimId, memberId: r.value.memberId, points: r.value.points },
        'receipt claimed',
      );
    }
    return reply.code(r.value.replayed ? 200 : 201).send(r.value);
  });
}
