import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { exceptionsReport, salesReport, terminalsReport } from '../../domain/admin-reports';
import { productInputsSchema, upsertCatalogue } from '../../domain/catalogue';
import { issuePairingCode } from '../../domain/pairing';
import { refoldProjection } from '../../domain/projections/refold';
import { saveStore, storeInputSchema } from '../../domain/stores';
import { seedDemoStorage } from '../../demo/seed-demo';
import { requireAdmin } from '../auth';
import type { AppContext } from '../context';
import { adminLoyaltyRoutes } from './admin-loyalty-routes';
import { parseOr422, sendError } from '../errors';

const filterQuery = z.object({
  storeId: z.string().min(1).optional(),
  terminalId: z.string().min(1).optional(),
  limit: z.coerce.number().int().positive().max(5_000).optional(),
});
const storeParams = z.object({ storeId: z.string().min(1) });
const projectionParams = z.object({ name: z.string().min(1).max(100) });
const pairingCodeBody = z
  .object({
    ttlMinutes: z
      .number()
      .int()
      .positive()
      .max(30 * 24 * 60)
      .optional(),
  })
  .optional()
  .default({});

/** The admin API (Bearer admin token). Every route parses, calls one domain function, answers. */
export async function adminRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Registered inside its own plugin scope (see build-app), so this hook guards exactly these routes.
  app.addHook('onRequest', async (req, reply) => {
    if (!requireAdmin(ctx, req, reply)) return reply;
  });

  app.get('/admin/stores', async () => ({ stores: await ctx.storage.stores.list() }));

  app.post('/admin/stores', async (req, reply) => {
    const body = parseOr422(storeInputSchema, req.body, reply);
    if (!body) return reply;
    const r = await saveStore(ctx.storage, body, ctx.clock());
    if (!r.ok) return sendError(reply, r.reason, r.message);
    return { store: r.value };
  });

  app.post('/admin/stores/:storeId/pairing-codes', async (req, reply) => {
    const params = parseOr422(storeParams, req.params, reply);
    const body = params && parseOr422(pairingCodeBody, req.body ?? undefined, reply);
    if (!params || !body) return reply;
    const ttl = body.ttlMinutes === undefined ? undefined : body.ttlMinutes * 60_000;
    const r = await issuePairingCode(ctx.storage, params.storeId, ctx.clock(), ttl);
    if (!r.ok) return sendError(reply, r.reason, r.message);
    return r.value;
  });

  app.put('/admin/stores/:storeId/products', async (req, reply) => {
    const params = parseOr422(storeParams, req.params, reply);
    const body = params && parseOr422(productInputsSchema, req.body, reply);
    if (!params || !body) return reply;
    const r = await upsertCatalogue(ctx.storage, params.storeId, body);
    if (!r.ok) return sendError(reply, r.reason, r.message);
    return r.value;
  });

  app.get('/admin/terminals', async (req, reply) => {
    const q = parseOr422(filterQuery, req.query, reply);
    if (!q) return reply;
    return { terminals: await terminalsReport(ctx.storage, q.storeId) };
  });

  app.get('/admin/sales', async (req, reply) => {
    const q = parseOr422(filterQuery, req.query, reply);
    if (!q) return reply;
    return salesReport(ctx.storage, q);
  });

  app.get('/admin/exceptions', async (req, reply) => {
    const q = parseOr422(filterQuery, req.query, reply);
    if (!q) return reply;
    return exceptionsReport(ctx.storage, q);
  });

  // Rebuilds one projection from the journal (what `kassa-server refold --projection <name>` does).
  app.post('/admin/projections/:name/refold', async (req, reply) => {
    const params = parseOr422(projectionParams, req.params, reply);
    if (!params) return reply;
    const r = await refoldProjection(ctx.storage, params.name, ctx.clock(), ctx.fold);
    if (!r.ok) return sendError(reply, r.reason, r.message);
    req.log.info({ projection: r.value.projection, events: r.value.events }, 'projection refolded');
    return r.value;
  });

  app.post('/admin/demo/seed', async () => seedDemoStorage(ctx.storage, ctx.clock()));

  // Programs and members (behind the same admin hook).
  await adminLoyaltyRoutes(app, ctx);
}
