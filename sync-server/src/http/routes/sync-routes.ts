import type { FastifyInstance } from 'fastify';
import {
  journalPushRequestSchema,
  pairRequestSchema,
  pullQuerySchema,
  syncPaths,
} from '../../../../core/sync/protocol';
import { pairTerminal } from '../../domain/pairing';
import { pullProducts } from '../../domain/pull-products';
import { pushJournal } from '../../domain/push-journal';
import { terminalInfo } from '../../domain/terminal-auth';
import { requireTerminal } from '../auth';
import type { AppContext } from '../context';
import { parseOr422, sendError } from '../errors';

/** Pairing and the replication endpoints of core/sync/protocol.ts. Thin: parse, call, answer. */
export function syncRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post(syncPaths.pair, async (req, reply) => {
    const body = parseOr422(pairRequestSchema, req.body, reply);
    if (!body) return reply;
    const r = await pairTerminal(ctx.storage, body, ctx.clock());
    if (!r.ok) return sendError(reply, r.reason, r.message);
    req.log.info({ terminalId: r.value.terminalId, storeId: r.value.storeId }, 'terminal paired');
    return r.value;
  });

  app.get(syncPaths.terminal, async (req, reply) => {
    const who = await requireTerminal(ctx, req, reply);
    if (!who) return reply;
    return terminalInfo(ctx.storage, who);
  });

  app.get(syncPaths.pull('products'), async (req, reply) => {
    const who = await requireTerminal(ctx, req, reply);
    if (!who) return reply;
    const q = parseOr422(pullQuerySchema, req.query, reply);
    if (!q) return reply;
    return pullProducts(ctx.storage, who.storeId, q.serverSeq, q.limit);
  });

  app.post(syncPaths.push('journal'), async (req, reply) => {
    const who = await requireTerminal(ctx, req, reply);
    if (!who) return reply;
    const rows = parseOr422(journalPushRequestSchema, req.body, reply);
    if (!rows) return reply;
    const r = await pushJournal(ctx.storage, who, rows, ctx.clock());
    if (!r.ok) {
      req.log.warn({ reason: r.reason }, 'push refused');
      return sendError(reply, r.reason, r.message);
    }
    const { conflicts, ...counts } = r.value;
    req.log.info({ ...counts, conflicts: conflicts.length }, 'journal pushed');
    return conflicts;
  });
}
