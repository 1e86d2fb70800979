import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { businessDayStatus } from '../../domain/shifts';
import { requireAdmin } from '../auth';
import type { AppContext } from '../context';
import { errorBody, parseOr422 } from '../errors';

const dayParams = z.object({
  id: z.string().min(1).max(200),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/** A store's business day (issue 10, end of day): each till's shifts reconciled, and whether the day is closed. */
export function shiftRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/admin/stores/:id/days/:day', async (req, reply) => {
    if (!requireAdmin(ctx, req, reply)) return reply;
    const p = parseOr422(dayParams, req.params, reply);
    if (!p) return reply;
    if (!(await ctx.storage.stores.get(p.id)))
      return reply.code(404).send(errorBody('not-found', `No store ${p.id}.`));
    return businessDayStatus(ctx.storage, p.id, p.day);
  });
}
