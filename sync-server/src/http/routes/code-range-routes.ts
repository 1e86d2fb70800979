import type { FastifyInstance } from 'fastify';
import {
  codeRangeRequestSchema,
  codeRangesPath,
  type CodeRangesResponse,
} from '../../../../core/sync/code-range-protocol';
import { requestCodeBlock, terminalCodeBlocks } from '../../domain/code-ranges';
import { requireTerminal } from '../auth';
import type { AppContext } from '../context';
import { errorBody, parseOr422 } from '../errors';

/**
 * A till's coupon/voucher serial blocks (core/sync/code-range-protocol.ts), under /sync/ so the
 * terminal token is checked before the body is read. Only the caller's own blocks are answered.
 */
export function codeRangeRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(codeRangesPath, async (req, reply) => {
    const who = await requireTerminal(ctx, req, reply);
    if (!who) return reply;
    const body: CodeRangesResponse = { blocks: await terminalCodeBlocks(ctx.storage, who), allocated: null };
    return body;
  });

  app.post(codeRangesPath, async (req, reply) => {
    const who = await requireTerminal(ctx, req, reply);
    if (!who) return reply;
    const body = parseOr422(codeRangeRequestSchema, req.body, reply);
    if (!body) return reply;
    const r = await requestCodeBlock(ctx.storage, who, body.remaining, ctx.clock());
    if (!r.ok) return reply.code(409).send(errorBody(r.reason, r.message));
    if (r.value.allocated) req.log.info({ block: r.value.allocated }, 'code block allocated');
    return r.value;
  });
}
