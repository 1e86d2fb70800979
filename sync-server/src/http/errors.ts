import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { ErrorBody } from '../../../core/sync/protocol';

/**
 * The HTTP edge maps domain reasons to status codes; the body is always
 * `{error: {type, message}}` (core/sync errorBodySchema) — a type a program can switch on, and a
 * message a person can read.
 */
const STATUS: Record<string, number> = {
  'invalid-input': 422,
  'invalid-store': 422,
  'token-missing': 401,
  'token-unknown': 401,
  'terminal-revoked': 401,
  'terminal-unknown': 404,
  'admin-token-invalid': 401,
  'forbidden-terminal': 403,
  'forbidden-store': 403,
  'pairing-code-unknown': 401,
  'pairing-code-used': 409,
  'pairing-code-expired': 410,
  'pairing-locked': 429,
  'rate-limited': 429,
  'projection-unknown': 404,
  'store-unknown': 404,
  'not-found': 404,
  'member-unknown': 404,
  'idempotency-key-reused': 422,
  'client-too-old': 426,
  'client-too-new': 426,
  'payload-too-large': 413,
  internal: 500,
};

export function statusOf(type: string): number {
  return STATUS[type] ?? 500;
}

export function errorBody(type: string, message: string): ErrorBody {
  return { error: { type, message } };
}

export function sendError(reply: FastifyReply, type: string, message: string): FastifyReply {
  return reply.code(statusOf(type)).send(errorBody(type, message));
}

/** A readable summary of what is wrong with an input: `0.newDocumentState.seq: Too small…`. */
export function describeIssues(error: z.ZodError): string {
  const lines = error.issues.slice(0, 5).map((i) => {
    const where = i.path.length ? i.path.join('.') : 'body';
    return `${where}: ${i.message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return `Invalid input — ${lines.join('; ')}${more}`;
}

/** Parses with the shared schema, or answers 422 and returns undefined. */
export function parseOr422<S extends z.ZodType>(
  schema: S,
  value: unknown,
  reply: FastifyReply,
): z.infer<S> | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  sendError(reply, 'invalid-input', describeIssues(r.error));
  return undefined;
}
