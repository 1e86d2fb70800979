import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../../core/journal/adjustment-event';
import type { ActiveSession } from '../../domain/backoffice/sessions';
import { auditTrail, exceptionDetail } from '../../domain/exceptions';
import { showMember } from '../../domain/members';
import { runReport } from '../../domain/reports';
import { reportCsv } from '../../domain/reports/report-format';
import { businessDayStatus } from '../../domain/shifts';
import type { AppContext } from '../context';
import { errorBody, parseOr422 } from '../errors';
import { exceptionIdParams as idParams, sendAuditCsv, sendExceptionAction } from '../exception-actions';
import { forbidden, mayUse, storeScope } from './scope';

const REPORT_STATUS: Record<string, number> = { 'unknown-report': 404, 'bad-range': 422 };

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day written YYYY-MM-DD');
const auditQuery = z.object({
  store: z.string().min(1).max(64).optional(),
  terminal: z.string().min(1).max(64).optional(),
  member: z.string().min(1).max(64).optional(),
  from: day.optional(),
  to: day.optional(),
  limit: z.coerce.number().int().min(1).max(5_000).default(500),
  format: z.enum(['json', 'csv']).optional(),
});
const reportQuery = z.object({
  store: z.string().min(1).max(64).optional(),
  from: z.string().max(10),
  to: z.string().max(10),
  format: z.enum(['json', 'csv']).optional(),
});
const dayParams = z.object({ storeId: z.string().min(1).max(64), day });
const memberParams = z.object({ ref: z.string().min(1).max(64) });

const actorOf = (s: ActiveSession): Actor => ({
  userId: s.user.userId,
  name: s.user.name,
  role: s.user.role,
});
/** A day's bounds in epoch ms, UTC: the audit filter is a range of days, not a store's business day. */
const startOf = (d: string) => Date.parse(`${d}T00:00:00Z`);

/**
 * The back office's manager routes (issue 10): act on an exception, the audit trail, a store's day,
 * the reports and a member with their ledger — each scoped to the session's stores, the domain
 * functions the admin API calls, the actor the signed-in user.
 */
export function managerRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/backoffice/api/exceptions/:id/actions', async (req, reply) => {
    const s = req.backoffice as ActiveSession;
    const p = parseOr422(idParams, req.params, reply);
    if (!p) return reply;
    const detail = await exceptionDetail(ctx.storage, p.id);
    if (!detail || !mayUse(s, detail.exception.storeId))
      return reply.code(404).send(errorBody('not-found', `No exception ${p.id}.`));
    return sendExceptionAction(ctx, p.id, req.body, actorOf(s), reply);
  });

  app.get('/backoffice/api/audit', async (req, reply) => {
    const s = req.backoffice as ActiveSession;
    const q = parseOr422(auditQuery, req.query, reply);
    if (!q) return reply;
    const storeIds = storeScope(s, q.store);
    if (storeIds === 'forbidden') return forbidden(reply, q.store);
    const entries = await auditTrail(ctx.storage, {
      ...(storeIds ? { storeIds } : {}),
      ...(q.terminal ? { terminalId: q.terminal } : {}),
      ...(q.member ? { memberId: q.member } : {}),
      ...(q.from ? { from: startOf(q.from) } : {}),
      ...(q.to ? { to: startOf(q.to) + 86_400_000 - 1 } : {}),
      limit: q.limit,
    });
    return q.format === 'csv' ? sendAuditCsv(reply, entries) : { entries };
  });

  app.get('/backoffice/api/stores/:storeId/days/:day', async (req, reply) => {
    const s = req.backoffice as ActiveSession;
    const p = parseOr422(dayParams, req.params, reply);
    if (!p) return reply;
    if (!mayUse(s, p.storeId)) return forbidden(reply, p.storeId);
    if (!(await ctx.storage.stores.get(p.storeId)))
      return reply.code(404).send(errorBody('store-unknown', `No store ${p.storeId}.`));
    return businessDayStatus(ctx.storage, p.storeId, p.day);
  });

  app.get('/backoffice/api/reports/:name', async (req, reply) => {
    const s = req.backoffice as ActiveSession;
    const name = (req.params as { name: string }).name;
    const q = parseOr422(reportQuery, req.query, reply);
    if (!q) return reply;
    const storeIds = storeScope(s, q.store);
    if (storeIds === 'forbidden') return forbidden(reply, q.store);
    const r = await runReport(ctx.storage, name, {
      ...(storeIds ? { storeIds } : {}),
      from: q.from,
      to: q.to,
    });
    if (!r.ok) return reply.code(REPORT_STATUS[r.reason] ?? 422).send(errorBody(r.reason, r.message));
    if (q.format !== 'csv') return r.value;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${r.value.name}-${q.from}-${q.to}.csv"`)
      .send(reportCsv(r.value));
  });

  // A member of the user's stores: home store, or seen at one of them; another store's is a 404.
  app.get('/backoffice/api/members/:ref', async (req, reply) => {
    const s = req.backoffice as ActiveSession;
    const p = parseOr422(memberParams, req.params, reply);
    if (!p) return reply;
    const notFound = () =>
      reply.code(404).send(errorBody('not-found', `No member has the id or card "${p.ref}".`));
    const r = await showMember(ctx.storage, p.ref);
    if (!r.ok) return notFound();
    if (s.user.role !== 'hq-admin') {
      const { memberId, homeStoreId } = r.value.member;
      const seen = await ctx.storage.db
        .selectFrom('member_seen')
        .select('store_id')
        .where('member_id', '=', memberId)
        .execute();
      const stores = new Set([homeStoreId, ...seen.map((x) => x.store_id)]);
      if (!s.user.storeIds.some((id) => stores.has(id))) return notFound();
    }
    return r.value;
  });
}
