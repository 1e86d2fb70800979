import { timingSafeEqual } from 'node:crypto';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestAsyncHookHandler,
  onSendHookHandler,
  preHandlerAsyncHookHandler,
} from 'fastify';
import { syncPaths } from '../../../core/sync/protocol';
import { pairingCodeStore, type PairingFailure } from '../domain/pairing';
import { pairingLockMessage, type PairingLockout } from '../domain/pairing-lockout';
import { authenticateTerminal, type TerminalIdentity } from '../domain/terminal-auth';
import { hashSecret } from '../domain/tokens';
import type { AppContext } from './context';
import { sendError } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** The terminal behind the bearer token, set by `terminalAuthHook` for every /sync/ route. */
    terminal?: TerminalIdentity;
  }
}

export function bearerOf(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

/** Authenticates the bearer token; a 401 is sent when it is missing or unknown. */
async function authenticate(
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

/**
 * The terminal behind the bearer token, or a 401 already sent. Under /sync/ the onRequest hook has
 * already authenticated (before the body was read), so this returns `req.terminal`.
 */
export async function requireTerminal(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<TerminalIdentity | undefined> {
  if (req.terminal) return req.terminal;
  return authenticate(ctx, req, reply);
}

/**
 * onRequest hook: every route under /sync/ needs a terminal token, checked before Fastify reads the
 * body, so a caller without one gets a 401 without the server parsing (or buffering) what it sent.
 * The route's own pattern is matched, not the raw URL, so an oddly spelled URL cannot slip past.
 */
export function terminalAuthHook(ctx: AppContext): onRequestAsyncHookHandler {
  return async (req, reply) => {
    if (req.method === 'OPTIONS' || !req.routeOptions.url?.startsWith('/sync/')) return;
    const who = await authenticate(ctx, req, reply);
    if (!who) return reply;
    req.terminal = who;
  };
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

/**
 * Attempts per source address on /pair (any outcome), by @fastify/rate-limit. Guessing is bounded
 * by the lockout (5 wrong codes); this bounds floods and guessing after a restart, and leaves room
 * for a shop pairing a row of tills behind one NAT address.
 */
export const PAIR_RATE_LIMIT = { max: 30, timeWindow: 60_000 };

/** `{code, terminalName}` is a few dozen bytes. */
export const PAIR_BODY_LIMIT_BYTES = 4 * 1024;

const WRONG_CODE: ReadonlySet<string> = new Set<PairingFailure>([
  'pairing-code-unknown',
  'pairing-code-used',
  'pairing-code-expired',
]);

const asArray = <T>(h: T | T[] | undefined): T[] => (h === undefined ? [] : Array.isArray(h) ? h : [h]);

/**
 * Guards POST /pair (the route itself stays parse → pairTerminal → answer): a per-address rate
 * limit, and a lockout after wrong codes per address and per store (domain/pairing-lockout.ts).
 * Attached from an onRoute hook, so it must be called before the /pair route and before the
 * rate-limit plugin are registered.
 */
export function guardPairing(
  app: FastifyInstance,
  ctx: AppContext,
  lockout: PairingLockout,
  rateLimit: { max: number; timeWindow: number } = PAIR_RATE_LIMIT,
): void {
  const storeOf = new WeakMap<FastifyRequest, string | undefined>();

  const refuseWhileLocked: preHandlerAsyncHookHandler = async (req, reply) => {
    const body = req.body as { code?: unknown } | undefined;
    const code = typeof body?.code === 'string' ? body.code : undefined;
    const storeId = code === undefined ? undefined : await pairingCodeStore(ctx.storage, code);
    storeOf.set(req, storeId);
    const now = ctx.clock();
    const lock = lockout.lockFor({ address: req.ip, storeId }, now);
    if (!lock) return;
    req.log.warn({ scope: lock.scope, storeId }, 'pairing locked');
    sendError(reply, 'pairing-locked', pairingLockMessage(lock, now));
    return reply;
  };

  const countWrongCode: onSendHookHandler = async (req, reply, payload) => {
    if (reply.statusCode < 400 || typeof payload !== 'string') return payload;
    let type: unknown;
    try {
      type = (JSON.parse(payload) as { error?: { type?: unknown } }).error?.type;
    } catch {
      return payload;
    }
    if (typeof type === 'string' && WRONG_CODE.has(type)) {
      lockout.recordFailure({ address: req.ip, storeId: storeOf.get(req) }, ctx.clock());
    }
    return payload;
  };

  app.addHook('onRoute', (route) => {
    if (route.url !== syncPaths.pair) return;
    route.config = { ...(route.config as object), rateLimit };
    route.bodyLimit = PAIR_BODY_LIMIT_BYTES;
    route.preHandler = [...asArray(route.preHandler), refuseWhileLocked];
    route.onSend = [...asArray(route.onSend), countWrongCode];
  });
}
