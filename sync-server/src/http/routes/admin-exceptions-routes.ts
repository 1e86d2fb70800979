import type { FastifyInstance } from 'fastify';
import Papa from 'papaparse';
import { z } from 'zod';
import type { Actor } from '../../../../core/journal/adjustment-event';
import { actOnException, auditTrail, exceptionDetail } from '../../domain/exceptions';
import { requireAdmin } from '../auth';
import type { AppContext } from '../context';
import { errorBody, parseOr422 } from '../errors';

const idParams = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
const actionBody = z.object({
  action: z.enum(['acknowledge', 'resolve']),
  resolution: z.string().min(1).max(100).optional(),
  note: z.string().max(500),
  confirm: z.boolean().optional(),
});
const auditQuery = z.object({
  storeId: z.string().min(1).optional(),
  terminalId: z.string().min(1).optional(),
  memberId: z.string().min(1).optional(),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().positive().max(5_000).optional(),
  format: z.enum(['json', 'csv']).optional(),
});

/** The admin token acts as one actor; a back-office user acts as themself (E's routes). */
const ADMIN_ACTOR: Actor = { userId: 'admin', name: 'admin token', role: 'admin-token' };

/** Reasons of actOnException → HTTP status (errors.ts knows the shared ones only). */
const STATUS: Record<string, number> = {
  'not-found': 404,
  'already-resolved': 409,
  'note-required': 422,
  'resolution-required': 422,
  'unknown-resolution': 422,
  'confirm-required': 422,
};

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
    const body = p && parseOr422(actionBody, req.body, reply);
    if (!p || !body) return reply;
    const r = await actOnException(
      ctx.storage,
      p.id,
      {
        action: body.action,
        note: body.note,
        ...(body.resolution !== undefined ? { resolution: body.resolution } : {}),
        ...(body.confirm !== undefined ? { confirm: body.confirm } : {}),
      },
      ADMIN_ACTOR,
      ctx.clock(),
    );
    if (!r.ok) return reply.code(STATUS[r.reason] ?? 500).send(errorBody(r.reason, r.message));
    return { entry: r.value };
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
    if (q.format !== 'csv') return { entries };
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit.csv"')
      .send(Papa.unparse(entries.map(auditCsvRow)));
  });
}

/** One flat row per entry (a spreadsheet has no nested actor). */
export function auditCsvRow(e: Awaited<ReturnType<typeof auditTrail>>[number]) {
  return {
    at: new Date(e.at).toISOString(),
    kind: e.kind,
    storeId: e.storeId,
    terminalId: e.terminalId ?? '',
    memberId: e.memberId ?? '',
    actorId: e.actor.id,
    actorName: e.actor.name,
    actorRole: e.actor.role,
    action: e.action,
    resolution: e.resolution ?? '',
    note: e.note,
    exceptionId: e.exceptionId ?? '',
    exceptionKind: e.exceptionKind ?? '',
    points: e.points,
    cents: e.cents,
    eventId: e.eventId,
    serverSeq: e.serverSeq,
  };
}
