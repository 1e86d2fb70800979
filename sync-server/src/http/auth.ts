import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateTerminal, type TerminalIdentity } from '../domain/terminal-auth';
import { hashSecret } from '../domain/tokens';
import type { AppContext } from './context';
import { sendError } from './errors';

export function bearerOf(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

/** The terminal behind the bearer token, or a 401 already sent. */
export async function requireTerminal(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<TerminalIdentity | undefined> {
  const token = bearerOf(req);
  if (!token) {
    sendError(reply, 'token-missing', 'Send the terminal token as "Authorization: Bearer <token>".');
    return undefined;
  }
  const who = await authenticateTerminal(ctx.storage, token, ctx.clock());
  if (!who.ok) {
    sendError(reply, who.reason, who.message);
    return undefined;
  }
  req.log = req.log.child({ terminalId: who.value.terminalId });
  return who.value;
}

/** True for the admin token (compared in constant time); otherwise a 401 is sent. */
export function requireAdmin(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): boolean {
  const token = bearerOf(req);
  const given = Buffer.from(hashSecret(token ?? ''), 'hex');
  const expected = Buffer.from(hashSecret(ctx.adminToken), 'hex');
  if (token && timingSafeEqual(given, expected)) return true;
  sendError(reply, 'admin-token-invalid', 'This needs the admin token as "Authorization: Bearer <token>".');
  return false;
}
