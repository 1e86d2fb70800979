import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { importMembers, listMembers, showMember } from '../../domain/members';
import { listPrograms, publishPrograms, retireProgram } from '../../domain/programs';
import { transferPoints, transferRequestSchema } from '../../domain/spending/points-transfer';
import { refusedAsTooDeep } from '../body-depth';
import type { AppContext } from '../context';
import { errorBody, parseOr422, sendError } from '../errors';

const idParams = z.object({ id: z.string().min(1).max(64) });
const memberParams = z.object({ cardOrId: z.string().min(1).max(64) });
const membersQuery = z.object({
  storeId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().positive().max(5_000).optional(),
});
const memberShowQuery = z.object({
  ledgerLimit: z.coerce.number().int().positive().max(5_000).optional(),
});

/** 422 with the first mistake's path on top and every mistake listed. */
function refuse(
  reply: FastifyReply,
  status: number,
  type: string,
  message: string,
  issues: readonly { path: string; message: string }[],
): FastifyReply {
  const body = errorBody(type, message);
  return reply.code(status).send({ error: { ...body.error, path: issues[0]?.path ?? null, issues } });
}

/**
 * Loyalty administration (registered inside the admin scope, so behind the admin token): publish,
 * list and retire programs; import, list and show members. What `kassa-server programs …` and
 * `kassa-server members …` do.
 */
export async function adminLoyaltyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // A program, or a list of programs: all published, or none.
  app.post('/admin/programs', async (req, reply) => {
    const body = req.body;
    if (refusedAsTooDeep(body, reply)) return reply;
    const list = Array.isArray(body) ? body : [body];
    const files = list.map((program, i) => ({
      source: Array.isArray(body) ? `programs[${i}]` : 'program',
      program,
    }));
    const r = await publishPrograms(ctx.storage, files, ctx.clock());
    if (!r.ok) {
      const status = r.reason === 'invalid-program' ? 422 : 409;
      return refuse(reply, status, r.reason, r.message, r.detail ?? []);
    }
    req.log.info(
      { programs: r.value.map((p) => `${p.programId}@${p.version}:${p.outcome}`) },
      'programs published',
    );
    return { programs: r.value };
  });

  app.get('/admin/programs', async () => ({ programs: await listPrograms(ctx.storage) }));

  app.post('/admin/programs/:id/retire', async (req, reply) => {
    const params = parseOr422(idParams, req.params, reply);
    if (!params) return reply;
    const r = await retireProgram(ctx.storage, params.id, ctx.clock());
    if (!r.ok) return sendError(reply, r.reason, r.message);
    return r.value;
  });

  app.put('/admin/members', async (req, reply) => {
    const r = await importMembers(ctx.storage, req.body, ctx.clock());
    if (!r.ok) {
      const status = r.reason === 'card-taken' ? 409 : 422;
      return refuse(reply, status, r.reason, r.message, r.detail ?? []);
    }
    return r.value;
  });

  app.get('/admin/members', async (req, reply) => {
    const q = parseOr422(membersQuery, req.query, reply);
    if (!q) return reply;
    return { members: await listMembers(ctx.storage, q) };
  });

  app.get('/admin/members/:cardOrId', async (req, reply) => {
    const params = parseOr422(memberParams, req.params, reply);
    const q = params && parseOr422(memberShowQuery, req.query, reply);
    if (!params || !q) return reply;
    const r = await showMember(ctx.storage, params.cardOrId, q.ledgerLimit);
    if (!r.ok) return sendError(reply, r.reason, r.message);
    return r.value;
  });

  // Points from one member to another (a `points-transfer` on the server's stream), idempotent on `key`.
  app.post('/admin/members/:cardOrId/transfer', async (req, reply) => {
    const params = parseOr422(memberParams, req.params, reply);
    const body = params && parseOr422(transferRequestSchema, req.body, reply);
    if (!params || !body) return reply;
    const r = await transferPoints(ctx.storage, params.cardOrId, body, ctx.clock());
    if (!r.ok) {
      const status = { 'balance-too-low': 409, 'same-member': 422 }[r.reason as string];
      return status
        ? reply.code(status).send(errorBody(r.reason, r.message))
        : sendError(reply, r.reason, r.message);
    }
    return r.value;
  });
}
