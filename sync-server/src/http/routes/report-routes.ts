import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { runReport } from '../../domain/reports';
import { reportCsv } from '../../domain/reports/report-format';
import { requireAdmin } from '../auth';
import type { AppContext } from '../context';
import { errorBody } from '../errors';

const STATUS: Record<string, number> = { 'unknown-report': 404, 'bad-range': 422, 'invalid-input': 422 };
const fail = (reply: FastifyReply, r: { reason: string; message: string }) =>
  reply.code(STATUS[r.reason] ?? 500).send(errorBody(r.reason, r.message));

const day = z.string().max(10);
const querySchema = z.object({
  /** ?store=a&store=b, or none for every store. */
  store: z.union([z.string().min(1).max(64), z.array(z.string().min(1).max(64)).max(500)]).optional(),
  from: day,
  to: day,
  format: z.enum(['json', 'csv']).optional(),
});

/**
 * GET /admin/reports/:name?store=&from=&to=[&format=csv] (Bearer admin token): a back-office report
 * (domain/reports) as the ReportResult JSON, or its table as CSV.
 */
export async function reportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Registered in its own plugin scope (build-app), so this hook guards exactly these routes.
  app.addHook('onRequest', async (req, reply) => {
    if (!requireAdmin(ctx, req, reply)) return reply;
  });

  app.get('/admin/reports/:name', async (req, reply) => {
    const name = z.object({ name: z.string().min(1).max(64) }).safeParse(req.params);
    const q = querySchema.safeParse(req.query);
    if (!name.success || !q.success) {
      return fail(reply, {
        reason: 'invalid-input',
        message: 'Invalid input — a report needs from and to (YYYY-MM-DD) and at most 500 stores.',
      });
    }
    const { store, from, to, format } = q.data;
    const storeIds = store === undefined ? undefined : Array.isArray(store) ? store : [store];
    const r = await runReport(ctx.storage, name.data.name, { ...(storeIds ? { storeIds } : {}), from, to });
    if (!r.ok) return fail(reply, r);
    if (format === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${r.value.name}-${from}-${to}.csv"`)
        .send(reportCsv(r.value));
    }
    return r.value;
  });
}
