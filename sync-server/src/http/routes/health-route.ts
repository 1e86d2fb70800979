import type { FastifyInstance } from 'fastify';
import { syncPaths, SYNC_API_VERSION } from '../../../../core/sync/protocol';
import type { AppContext } from '../context';

export function healthRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get(syncPaths.health, async () => {
    await ctx.storage.stores.list();
    return { status: 'ok', storage: ctx.storage.dialect, syncApiVersion: SYNC_API_VERSION };
  });
}
