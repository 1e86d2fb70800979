import type { FastifyInstance } from 'fastify';
import {
  SALE_UNKNOWN,
  saleLookupParamsSchema,
  saleLookupRoute,
} from '../../../../core/sync/sale-lookup-protocol';
import { lookUpSale } from '../../domain/sale-lookup';
import { requireTerminal } from '../auth';
import type { AppContext } from '../context';
import { errorBody, parseOr422 } from '../errors';

/**
 * GET /sync/v1/sales/:saleId (core/sync/sale-lookup-protocol.ts), under /sync/ so the terminal
 * token is checked first. The caller's store comes from its token, never from the request.
 */
export function saleLookupRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(saleLookupRoute, async (req, reply) => {
    const who = await requireTerminal(ctx, req, reply);
    if (!who) return reply;
    const params = parseOr422(saleLookupParamsSchema, req.params, reply);
    if (!params) return reply;
    const r = await lookUpSale(ctx.storage, who, params.saleId);
    if (!r.ok) return reply.code(404).send(errorBody(SALE_UNKNOWN, r.message));
    void reply.header('cache-control', 'no-store');
    return r.value;
  });
}
