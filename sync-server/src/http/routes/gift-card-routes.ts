import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { giftCardLookupBase, type GiftCardBalance } from '../../../../core/sync/gift-card-protocol';
import { issueGiftCard } from '../../domain/gift-cards/issue';
import { loadGiftCard } from '../../domain/gift-cards/load';
import { issueGiftCardRequestSchema, loadGiftCardRequestSchema } from '../../domain/gift-cards/requests';
import { giftCardView, lookupGiftCard } from '../../domain/gift-cards/view';
import { requireAdmin, requireTerminal } from '../auth';
import type { AppContext } from '../context';
import { errorBody, parseOr422, statusOf } from '../errors';

const codeParams = z.object({ code: z.string().min(1).max(128) });

/** The gift-card reasons' status codes (the shared table in errors.ts knows the others). */
const STATUS: Record<string, number> = {
  'gift-card-unknown': 404,
  'gift-card-code-invalid': 400,
  'gift-card-blocked': 409,
  'gift-card-serials-used-up': 409,
};

function refuse(reply: FastifyReply, reason: string, message: string): FastifyReply {
  return reply.code(STATUS[reason] ?? statusOf(reason)).send(errorBody(reason, message));
}

/**
 * `GET /sync/v1/gift-cards/:code` (terminal token, core/sync/gift-card-protocol.ts): a card's
 * balance as the server has folded it. Any store of the chain takes any card, so the lookup is
 * not limited to the till's store. Under /sync/, so the token is checked before anything else.
 */
export function giftCardLookupRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get(`${giftCardLookupBase}/:code`, async (req, reply) => {
    const who = await requireTerminal(ctx, req, reply);
    if (!who) return reply;
    const params = parseOr422(codeParams, req.params, reply);
    if (!params) return reply;
    const r = await lookupGiftCard(ctx.storage, params.code);
    if (!r.ok) return refuse(reply, r.reason, r.message);
    const body: GiftCardBalance = r.value;
    return body;
  });
}

/**
 * Gift cards for HQ (its own scope behind the admin token), what `kassa-server gift-cards …` does:
 * issue (201; the same key again 200 with the same card), load a top-up (201 / 200 likewise), and
 * show a card with its history. 404 for an unknown store or card, 422 for a bad body or a key
 * used for something else.
 */
export async function adminGiftCardRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.addHook('onRequest', async (req, reply) => {
    if (!requireAdmin(ctx, req, reply)) return reply;
  });

  app.post('/admin/gift-cards', async (req, reply) => {
    const body = parseOr422(issueGiftCardRequestSchema, req.body, reply);
    if (!body) return reply;
    const r = await issueGiftCard(ctx.storage, body, ctx.clock(), ctx.fold);
    if (!r.ok) return refuse(reply, r.reason, r.message);
    if (!r.value.replayed) {
      req.log.info(
        { kind: r.value.kind, storeId: body.storeId, cents: r.value.balanceCents },
        'gift card issued',
      );
    }
    return reply.code(r.value.replayed ? 200 : 201).send(r.value);
  });

  app.post('/admin/gift-cards/:code/load', async (req, reply) => {
    const params = parseOr422(codeParams, req.params, reply);
    if (!params) return reply;
    const body = parseOr422(loadGiftCardRequestSchema, req.body, reply);
    if (!body) return reply;
    const r = await loadGiftCard(ctx.storage, params.code, body, ctx.clock(), ctx.fold);
    if (!r.ok) return refuse(reply, r.reason, r.message);
    return reply.code(r.value.replayed ? 200 : 201).send(r.value);
  });

  app.get('/admin/gift-cards/:code', async (req, reply) => {
    const params = parseOr422(codeParams, req.params, reply);
    if (!params) return reply;
    const r = await giftCardView(ctx.storage, params.code);
    if (!r.ok) return refuse(reply, r.reason, r.message);
    return r.value;
  });
}
