import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SessionView } from '../../../../core/backoffice/api';
import {
  csrfMatches,
  recordRefusedSignIn,
  sessionOf,
  signIn,
  signOut,
  type ActiveSession,
} from '../../domain/backoffice/sessions';
import { storeSyncStatus } from '../../domain/sync-status';
import type { AppContext } from '../context';
import { errorBody, parseOr422 } from '../errors';
import { exceptionRoutes } from './exception-routes';
import { managerRoutes } from './manager-routes';

/** The session cookie: HttpOnly, SameSite=Strict, only sent to /backoffice. */
export const SESSION_COOKIE = 'kassa_bo';
const SIGN_IN_RATE = { max: 10, timeWindow: 60_000 };

declare module 'fastify' {
  interface FastifyRequest {
    backoffice?: ActiveSession;
  }
}

const signInBody = z.object({ login: z.string().min(1).max(200), password: z.string().min(1).max(1000) });

/** The stores a session may see: every store for an HQ admin. */
async function storesOf(ctx: AppContext, s: ActiveSession) {
  const all = await ctx.storage.stores.list();
  return s.user.role === 'hq-admin' ? all : all.filter((st) => s.user.storeIds.includes(st.storeId));
}

const mayUse = (s: ActiveSession, storeId: string) =>
  s.user.role === 'hq-admin' || s.user.storeIds.includes(storeId);

/** /backoffice/api/*: cookie sessions, CSRF on every write, routes scoped to the user's stores. */
export async function backofficeApi(app: FastifyInstance, ctx: AppContext, secure: boolean): Promise<void> {
  await app.register(cookie);
  const db = () => ctx.storage.db;

  app.addHook('onRequest', async (req: FastifyRequest, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    const session = token ? await sessionOf(db(), token, ctx.clock()) : undefined;
    if (session) req.backoffice = session;
    if (req.url.startsWith('/backoffice/api/sign-in')) return;
    if (!session) return reply.code(401).send(errorBody('signed-out', 'Sign in to the back office first.'));
    if (
      req.method !== 'GET' &&
      req.method !== 'HEAD' &&
      !csrfMatches(session, req.headers['x-csrf-token'] as string | undefined)
    )
      return reply
        .code(403)
        .send(errorBody('csrf-invalid', 'The request lacks the session’s CSRF token (x-csrf-token).'));
  });

  // Checked once the body is parsed (preHandler), so a refused attempt is logged with its login,
  // before the refusal is sent (onSend is awaited).
  const limited = new WeakSet<FastifyRequest>();
  const signInRate = {
    ...SIGN_IN_RATE,
    hook: 'preHandler' as const,
    onExceeded: (req: FastifyRequest) => limited.add(req),
  };
  const logRefused = async (req: FastifyRequest, _reply: unknown, payload: unknown) => {
    if (limited.has(req)) {
      const login = (req.body as { login?: unknown } | undefined)?.login;
      await recordRefusedSignIn(
        db(),
        typeof login === 'string' ? login : '',
        req.ip,
        ctx.clock(),
        'rate-limited',
      );
    }
    return payload;
  };
  app.post(
    '/backoffice/api/sign-in',
    { config: { rateLimit: signInRate }, onSend: logRefused },
    async (req, reply) => {
      const body = parseOr422(signInBody, req.body, reply);
      if (!body) return reply;
      const r = await signIn(db(), body.login, body.password, req.ip, ctx.clock());
      if (!r.ok) {
        const status = r.reason === 'signin-locked' ? 429 : 401;
        return reply.code(status).send(errorBody(r.reason, r.message));
      }
      void reply.setCookie(SESSION_COOKIE, r.value.token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/backoffice',
        secure,
      });
      return { userId: r.value.user.userId, csrfToken: r.value.csrfToken };
    },
  );

  app.post('/backoffice/api/sign-out', async (req, reply) => {
    const s = req.backoffice as ActiveSession;
    await signOut(db(), s.tokenHash);
    void reply.clearCookie(SESSION_COOKIE, { path: '/backoffice' });
    return { signedOut: true };
  });

  app.get('/backoffice/api/session', async (req): Promise<SessionView> => {
    const s = req.backoffice as ActiveSession;
    const stores = await storesOf(ctx, s);
    return {
      user: { userId: s.user.userId, login: s.user.login, name: s.user.name, role: s.user.role },
      stores: stores.map((st) => ({
        storeId: st.storeId,
        name: st.name,
        currency: st.currency,
        timeZone: st.timeZone,
        locale: st.locale,
      })),
      csrfToken: s.csrfToken,
    };
  });

  app.get('/backoffice/api/stores/:storeId/sync-status', async (req, reply) => {
    const s = req.backoffice as ActiveSession;
    const { storeId } = req.params as { storeId: string };
    if (!mayUse(s, storeId))
      return reply.code(403).send(errorBody('store-forbidden', `Store ${storeId} is not yours.`));
    const status = await storeSyncStatus(ctx.storage, storeId, ctx.clock());
    if (!status) return reply.code(404).send(errorBody('store-unknown', `No store ${storeId}.`));
    return status;
  });

  exceptionRoutes(app, ctx);
  managerRoutes(app, ctx);
}
