import type { FastifyInstance } from 'fastify';
import {
  journalPushRequestSchema,
  pairRequestSchema,
  PENDING_HEADER,
  syncPaths,
  type PushRefusedBody,
} from '../../../../core/sync/protocol';
import { pairTerminal } from '../../domain/pairing';
import { pushJournal } from '../../domain/push/push-journal';
import { recordTillReport } from '../../domain/push/till-report';
import { creditReferralsAfterPush } from '../../domain/referrals/after-push';
import { terminalInfo } from '../../domain/terminal-auth';
import { requireTerminal } from '../auth';
import type { AppContext } from '../context';
import { parseOr422, sendError } from '../errors';

/** Pairing, terminal info and the journal push of core/sync/protocol.ts. Thin: parse, call, answer. */
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

  // The push gets its own JSON parser: Fastify's default refuses a whole body for one `__proto__`
  // or `constructor.prototype` key, which would refuse every event of the batch for one bad one.
  // JSON.parse keeps such a key as a plain own property (no prototype is touched), and admission
  // refuses just that event (core/journal/document-shape.ts).
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string) as unknown);
      } catch (e) {
        done(
          Object.assign(new Error(`Body is not valid JSON: ${(e as Error).message}`), { statusCode: 400 }),
          undefined,
        );
      }
    });
    pushRoute(scope, ctx);
  });
}

function pushRoute(app: FastifyInstance, ctx: AppContext): void {
  app.post(syncPaths.push('journal'), async (req, reply) => {
    const who = await requireTerminal(ctx, req, reply);
    if (!who) return reply;
    const rows = parseOr422(journalPushRequestSchema, req.body, reply);
    if (!rows) return reply;
    const now = ctx.clock();
    const r = await pushJournal(ctx.storage, who, rows, now, ctx.fold, (tx, outcome) =>
      recordTillReport(tx, who, rows, req.headers[PENDING_HEADER], now, outcome.refused.length),
    );
    if (!r.ok) {
      req.log.warn({ reason: r.reason }, 'push refused');
      return sendError(reply, r.reason, r.message);
    }
    const { conflicts, refused, ...counts } = r.value;
    req.log.info({ ...counts, conflicts: conflicts.length, refused: refused.length }, 'journal pushed');
    await creditReferralsAfterPush(ctx.storage, rows, now, ctx.fold, req.log);
    if (refused.length === 0) return conflicts;
    // Some events were refused: say which and why; every other event of the batch was stored.
    const first = refused[0] as (typeof refused)[number];
    const body: PushRefusedBody = {
      error: {
        type: 'event-refused',
        message:
          refused.length === 1
            ? `${first.message} The other ${rows.length - 1} event(s) of this push were stored.`
            : `${refused.length} events were refused; the first: ${first.message} The other ${rows.length - refused.length} event(s) were stored.`,
        path: first.path,
        refused,
        stored: rows.length - refused.length,
        conflicts,
      },
    };
    return reply.code(422).send(body);
  });
}
