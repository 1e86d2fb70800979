import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../../core/journal/adjustment-event';
import { auditTrail, exceptionDetail } from '../../domain/exceptions';
import { requireAdmin } from '../auth';
import type { AppContext } from '../context';
import { errorBody, parseOr422 } from '../errors';
import { exceptionIdParams as idParams, sendAuditCsv, sendExceptionAction } from '../exception-actions';

const auditQuery = z.object({
  storeId: z.string().min(1).optional(),
  terminalId: z.string().min(1).optional(),
  memberId: z.string().min(1).optional(),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().positive().max(5_000).optional(),
  format: z.enum(['json', 'csv']).optional(),
});

/** The admin token acts as one actor; a back-office user acts as themself (backoffice/manager-routes.ts). */
const ADMIN_ACTOR: Actor = { userId: 'admin', name: 'admin token', role: 'admin-token' };

/** Exceptions a manager resolves, and the audit trail, for the admin token (issue 10). */
export async function adminExceptionsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.addHook('onRequest', async (req, reply) => {
    if (!requireAdmin(ctx, req, reply)) return reply;
  });

  app.get('/admin/exceptions/:id', async (req, reply) => {
    const p = parseOr422(idParams, req.params, reply);
    if (!p) return reply;
    const d = await exceptionDetail(ctx.storage, p.id);
    if (!d) return reply.code(404).send(errorBody('not-found', `No exception ${p.id}.`));
    return d;
  });

  app.post('/admin/exceptions/:id/actions', async (req, reply) => {
    const p = parseOr422(idParams, req.params, reply);
    if (!p) return reply;
    return sendExceptionAction(ctx, p.id, req.body, ADMIN_ACTOR, reply);
  });

  app.get('/admin/audit', async (req, reply) => {
    const q = parseOr422(auditQuery, req.query, reply);
    if (!q) return reply;
    const entries = await auditTrail(ctx.storage, {
      ...(q.storeId !== undefined ? { storeIds: [q.storeId] } : {}),
      ...(q.terminalId !== undefined ? { terminalId: q.terminalId } : {}),
      ...(q.memberId !== undefined ? { memberId: q.memberId } : {}),
      ...(q.from !== undefined ? { from: q.from } : {}),
      ...(q.to !== undefined ? { to: q.to } : {}),
      limit: q.limit ?? 500,
    });
    return q.format === 'csv' ? sendAuditCsv(reply, entries) : { entries };
  });
}
