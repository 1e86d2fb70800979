import type { FastifyReply } from 'fastify';
import Papa from 'papaparse';
import { z } from 'zod';
import type { Actor } from '../../../core/journal/adjustment-event';
import { actOnException, type auditTrail } from '../domain/exceptions';
import type { AppContext } from './context';
import { errorBody, parseOr422 } from './errors';

/**
 * What the admin API and the back office share to act on an exception and export the audit trail:
 * the same body, the same statuses, the same CSV; only who acts (and what they may see) differs.
 */
export const exceptionIdParams = z.object({
  id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

const actionBody = z.object({
  action: z.enum(['acknowledge', 'resolve']),
  resolution: z.string().min(1).max(100).optional(),
  note: z.string().max(500),
  confirm: z.boolean().optional(),
});

/** Reasons of actOnException → HTTP status (errors.ts knows the shared ones only). */
const ACT_STATUS: Record<string, number> = {
  'not-found': 404,
  'already-resolved': 409,
  'note-required': 422,
  'resolution-required': 422,
  'unknown-resolution': 422,
  'confirm-required': 422,
};

/** Parses the action body and acts on exception `id` as `actor`; answers `{ entry }` or the refusal. */
export async function sendExceptionAction(
  ctx: AppContext,
  id: number,
  rawBody: unknown,
  actor: Actor,
  reply: FastifyReply,
): Promise<FastifyReply | { entry: unknown }> {
  const body = parseOr422(actionBody, rawBody, reply);
  if (!body) return reply;
  const r = await actOnException(
    ctx.storage,
    id,
    {
      action: body.action,
      note: body.note,
      ...(body.resolution !== undefined ? { resolution: body.resolution } : {}),
      ...(body.confirm !== undefined ? { confirm: body.confirm } : {}),
    },
    actor,
    ctx.clock(),
  );
  if (!r.ok) return reply.code(ACT_STATUS[r.reason] ?? 500).send(errorBody(r.reason, r.message));
  return { entry: r.value };
}

type AuditEntry = Awaited<ReturnType<typeof auditTrail>>[number];

/** The audit trail as a CSV download, one flat row per entry (a spreadsheet has no nested actor). */
export function sendAuditCsv(reply: FastifyReply, entries: readonly AuditEntry[]): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', 'attachment; filename="audit.csv"')
    .send(Papa.unparse(entries.map(auditCsvRow)));
}

function auditCsvRow(e: AuditEntry) {
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
