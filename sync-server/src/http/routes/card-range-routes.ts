import type { FastifyInstance } from 'fastify';
import {
  cardRangeRequestSchema,
  cardRangesPath,
  type CardRangesResponse,
} from '../../../../core/sync/card-range-protocol';
import { requestCardBlock, terminalCardBlocks } from '../../domain/card-ranges';
import { requireTerminal } from '../auth';
import type { AppContext } from '../context';
import { errorBody, parseOr422 } from '../errors';

/**
 * A till's card number blocks (core/sync/card-range-protocol.ts), under /sync/ so the terminal
 * token is checked before the body is read. Only the caller's own blocks are ever answered.
 */
export function cardRangeRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(cardRangesPath, async (req, reply) => {
    const who = await requireTerminal(ctx, req, reply);
    if (!who) return reply;
    const body: CardRangesResponse = { blocks: await terminalCardBlocks(ctx.storage, who), allocated: null };
    return body;
  });

  app.post(cardRangesPath, async (req, reply) => {
    const who = await requireTerminal(ctx, req, reply);
    if (!who) return reply;
    const body = parseOr422(cardRangeRequestSchema, req.body, reply);
    if (!body) return reply;
    const r = await requestCardBlock(ctx.storage, who, body.remaining, ctx.clock());
    // The series has no block left: a conflict with the store's numbering, not a server failure.
    if (!r.ok) return reply.code(409).send(errorBody(r.reason, r.message));
    if (r.value.allocated) req.log.info({ block: r.value.allocated }, 'card block allocated');
    return r.value;
  });
}
