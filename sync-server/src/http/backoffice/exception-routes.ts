import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ActiveSession } from '../../domain/backoffice/sessions';
import { exceptionDetail, listExceptions } from '../../domain/exceptions';
import type { AppContext } from '../context';
import { errorBody, parseOr422 } from '../errors';

const listQuery = z.object({
  store: z.string().min(1).max(100).optional(),
  terminal: z.string().min(1).max(100).optional(),
  kind: z.string().min(1).max(100).optional(),
  status: z.enum(['open', 'acknowledged', 'resolved']).optional(),
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** The stores a session's list may show: its own only; an HQ admin all (undefined = no filter). */
function scope(s: ActiveSession, store: string | undefined): readonly string[] | undefined | 'forbidden' {
  if (store !== undefined)
    return s.user.role === 'hq-admin' || s.user.storeIds.includes(store) ? [store] : 'forbidden';
  return s.user.role === 'hq-admin' ? undefined : s.user.storeIds;
}

/** GET exceptions (scoped to the user's stores) and GET exceptions/:id (another store's = 404). */
export function exceptionRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/backoffice/api/exceptions', async (req, reply) => {
    const s = req.backoffice as ActiveSession;
    const q = parseOr422(listQuery, req.query, reply);
    if (!q) return reply;
    const storeIds = scope(s, q.store);
    if (storeIds === 'forbidden')
      return reply.code(403).send(errorBody('store-forbidden', `Store ${q.store} is not yours.`));
    const { store: _store, terminal, ...rest } = q;
    return listExceptions(ctx.storage, {
      ...rest,
      ...(storeIds ? { storeIds } : {}),
      ...(terminal ? { terminalId: terminal } : {}),
    });
  });

  app.get('/backoffice/api/exceptions/:id', async (req, reply) => {
    const s = req.backoffice as ActiveSession;
    const id = Number((req.params as { id: string }).id);
    const detail = Number.isSafeInteger(id) ? await exceptionDetail(ctx.storage, id) : undefined;
    const mine = detail && (s.user.role === 'hq-admin' || s.user.storeIds.includes(detail.exception.storeId));
    if (!detail || !mine) return reply.code(404).send(errorBody('not-found', `No exception ${id}.`));
    return detail;
  });
}
