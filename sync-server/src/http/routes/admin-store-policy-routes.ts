import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { addManager, listManagers, removeManager } from '../../domain/managers';
import { changeStorePolicy, storePolicy } from '../../domain/store-policy';
import { requireAdmin } from '../auth';
import type { AppContext } from '../context';
import { errorBody } from '../errors';

const storeParams = z.object({ storeId: z.string().min(1).max(64) });
const managerParams = storeParams.extend({ managerId: z.string().min(1).max(64) });

/** This file's reasons; the shared table (errors.ts) knows the common ones. */
const STATUS: Record<string, number> = {
  'store-unknown': 404,
  'manager-unknown': 404,
  'invalid-input': 422,
  'invalid-policy': 422,
  'invalid-manager': 422,
  'manager-exists': 409,
  'too-many-managers': 409,
};
const fail = (reply: FastifyReply, r: { reason: string; message: string }) =>
  reply.code(STATUS[r.reason] ?? 500).send(errorBody(r.reason, r.message));

function params<S extends z.ZodType>(schema: S, value: unknown, reply: FastifyReply): z.infer<S> | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  void fail(reply, {
    reason: 'invalid-input',
    message: 'Invalid input — the store or manager id in the path.',
  });
  return undefined;
}

/**
 * The admin API for a store's offline policy and managers (Bearer admin token), the same domain
 * functions as `kassa-server stores policy` and `managers`. A manager's PIN goes in and is hashed
 * at once; no answer ever carries a PIN or its hash.
 */
export async function adminStorePolicyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Registered in its own plugin scope (build-app), so this hook guards exactly these routes.
  app.addHook('onRequest', async (req, reply) => {
    if (!requireAdmin(ctx, req, reply)) return reply;
  });

  app.get('/admin/stores/:storeId/policy', async (req, reply) => {
    const p = params(storeParams, req.params, reply);
    if (!p) return reply;
    const r = await storePolicy(ctx.storage, p.storeId);
    return r.ok ? { policy: r.value } : fail(reply, r);
  });

  /** Body: {offlinePolicy?: {…some numbers} | null, sanityLimits?: {…} | null}; null = defaults. */
  app.put('/admin/stores/:storeId/policy', async (req, reply) => {
    const p = params(storeParams, req.params, reply);
    if (!p) return reply;
    const r = await changeStorePolicy(ctx.storage, p.storeId, req.body ?? {});
    return r.ok ? { policy: r.value } : fail(reply, r);
  });

  app.get('/admin/stores/:storeId/managers', async (req, reply) => {
    const p = params(storeParams, req.params, reply);
    if (!p) return reply;
    const r = await listManagers(ctx.storage, p.storeId);
    return r.ok ? { managers: r.value } : fail(reply, r);
  });

  /** Body: {name, pin}. */
  app.post('/admin/stores/:storeId/managers', async (req, reply) => {
    const p = params(storeParams, req.params, reply);
    if (!p) return reply;
    const body = (req.body ?? {}) as Record<string, unknown>;
    // The id is the server's to make here; only the demo seed names its managers.
    const r = await addManager(ctx.storage, p.storeId, { name: body.name, pin: body.pin }, ctx.clock());
    return r.ok ? reply.code(201).send({ manager: r.value }) : fail(reply, r);
  });

  app.delete('/admin/stores/:storeId/managers/:managerId', async (req, reply) => {
    const p = params(managerParams, req.params, reply);
    if (!p) return reply;
    const r = await removeManager(ctx.storage, p.storeId, p.managerId);
    return r.ok ? { removed: r.value } : fail(reply, r);
  });
}
