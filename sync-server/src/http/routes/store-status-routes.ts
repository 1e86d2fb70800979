import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { syncPaths } from '../../../../core/sync/protocol';
import { storeSyncStatus } from '../../domain/sync-status';
import { requireAdmin, requireTerminal } from '../auth';
import type { AppContext } from '../context';
import { errorBody, parseOr422 } from '../errors';

const storeParams = z.object({ id: z.string().min(1).max(200) });

/**
 * The store's sync status (issue 10): for a till, its own store only (the store comes from the
 * token, never from the request); for the admin token, any store by id.
 */
export function storeStatusRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(syncPaths.storeStatus, async (req, reply) => {
    const who = await requireTerminal(ctx, req, reply);
    if (!who) return reply;
    const status = await storeSyncStatus(ctx.storage, who.storeId, ctx.clock());
    if (!status) return reply.code(404).send(errorBody('not-found', `No store ${who.storeId}.`));
    return status;
  });

  app.get('/admin/stores/:id/sync-status', async (req, reply) => {
    if (!requireAdmin(ctx, req, reply)) return reply;
    const p = parseOr422(storeParams, req.params, reply);
    if (!p) return reply;
    const status = await storeSyncStatus(ctx.storage, p.id, ctx.clock());
    if (!status) return reply.code(404).send(errorBody('not-found', `No store ${p.id}.`));
    return status;
  });
}
