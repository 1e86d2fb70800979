import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createPairingLockout, type PairingLockout } from '../domain/pairing-lockout';
import { guardPairing, terminalAuthHook } from './auth';
import type { AppContext } from './context';
import { errorBody, sendError } from './errors';
import { adminRoutes } from './routes/admin-routes';
import { adminExceptionsRoutes } from './routes/admin-exceptions-routes';
import { adminRewardsRoutes } from './routes/admin-rewards-routes';
import { adminStorePolicyRoutes } from './routes/admin-store-policy-routes';
import { claimsRoute } from './routes/claims-route';
import { cardRangeRoutes } from './routes/card-range-routes';
import { codeRangeRoutes } from './routes/code-range-routes';
import { eventsRoute } from './routes/events-route';
import { healthRoute } from './routes/health-route';
import { feedRoutes } from './routes/feed-routes';
import { adminGiftCardRoutes, giftCardLookupRoute } from './routes/gift-card-routes';
import { reportRoutes } from './routes/report-routes';
import { shiftRoutes } from './routes/shift-routes';
import { saleLookupRoutes } from './routes/sale-lookup-route';
import { storeStatusRoutes } from './routes/store-status-routes';
import { syncRoutes } from './routes/sync-routes';
import { memberAppCodeRoute } from './routes/member-app-code-route';
import { terminalKeysRoute } from './routes/terminal-keys-route';
import { terminalRevocationRoutes } from './routes/terminal-revocation-routes';
import { OpenStreams, REVOCATION_POLL_MS, watchRevocations } from './open-streams';
import { versionGuard } from './version-guard';
import { backofficeApi } from './backoffice/backoffice-plugin';
import { backofficePage } from './backoffice/backoffice-page';

/** A push of MAX_PUSH_BATCH sale events stays far below this; anything bigger is a mistake. */
export const BODY_LIMIT_BYTES = 8 * 1024 * 1024;

export interface BuildAppOptions {
  /** TLS certificate and key: the server speaks HTTPS. */
  https?: { cert: string | Buffer; key: string | Buffer };
  /** Trust X-Forwarded-For from a reverse proxy (per-address pairing limits then see the client). */
  trustProxy?: boolean;
  /** Wrong pairing codes per address and per store (default: 5 and 20 in 15 minutes). */
  pairingLockout?: PairingLockout;
  /** Attempts on /pair per address (default PAIR_RATE_LIMIT: 30 a minute). */
  pairRateLimit?: { max: number; timeWindow: number };
  /** How often to look for revocations made outside this process (default REVOCATION_POLL_MS). */
  revocationPollMs?: number;
}

export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.https ? { https: options.https } : {}),
    trustProxy: options.trustProxy ?? false,
    loggerInstance: ctx.logger.child({ module: 'http' }) as FastifyBaseLogger,
    requestIdLogLabel: 'requestId',
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT_BYTES,
    // Open SSE streams must not keep close() waiting.
    forceCloseConnections: true,
    // A path Fastify cannot decode (a broken %-escape) is refused like every other input, as
    // {error: {type, message}}, not in Fastify's own shape a till cannot read.
    frameworkErrors: (error, _req, res) => {
      const badUrl = error.code === 'FST_ERR_BAD_URL';
      void (res as unknown as FastifyReply)
        .code(400)
        .send(
          errorBody(
            badUrl ? 'bad-url' : 'bad-request',
            badUrl
              ? 'The path is not valid URL encoding (a broken %-escape).'
              : 'The request could not be routed.',
          ),
        );
    },
  });

  // Terminals call from the renderer's origin with a Bearer token and no cookies, so any origin
  // may call: without credentials, CORS grants nothing a token does not already grant.
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'POST', 'PUT', 'OPTIONS'],
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'Accept',
      'Cache-Control',
      'Last-Event-ID',
      // The push's count of events waiting on the till (core/sync/protocol.ts PENDING_HEADER).
      'X-Kassa-Pending',
    ],
    maxAge: 600,
  });
  app.addHook('onRequest', versionGuard);
  // Every /sync/ route: the bearer token is checked before the body is read (auth.ts).
  app.decorateRequest('terminal', undefined);
  app.addHook('onRequest', terminalAuthHook(ctx));
  // /pair: rate limit per address and lockout after wrong codes; before the plugin and the routes.
  guardPairing(app, ctx, options.pairingLockout ?? createPairingLockout(), options.pairRateLimit);
  await app.register(rateLimit, {
    global: false,
    // Thrown by the plugin and answered by the error handler below as {error: {type, message}}.
    errorResponseBuilder: (_req, context) =>
      Object.assign(new Error(`Too many requests from this address; try again in ${context.after}.`), {
        statusCode: 429,
        code: 'KASSA_RATE_LIMITED',
      }),
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(
        reply,
        'payload-too-large',
        `The request body is larger than ${req.routeOptions.bodyLimit ?? BODY_LIMIT_BYTES} bytes.`,
      );
    }
    if (error.code === 'KASSA_RATE_LIMITED') return sendError(reply, 'rate-limited', error.message);
    if (error.statusCode !== undefined && error.statusCode < 500) {
      // Malformed JSON, wrong content type, …: the client's input, said plainly.
      return reply.code(422).send(errorBody('invalid-input', `Invalid input — ${error.message}`));
    }
    req.log.error({ err: error }, 'request failed');
    return sendError(reply, 'internal', 'The server failed to handle this request; it was logged.');
  });
  // The path as asked, cut short: a 10,000-character id is not echoed back whole.
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const shown = path.length > 200 ? `${path.slice(0, 200)}… (${path.length} characters)` : path;
    return sendError(reply, 'not-found', `No route ${req.method} ${shown}.`);
  });

  const streams = new OpenStreams();
  const stopWatching = watchRevocations(
    ctx.storage,
    streams,
    options.revocationPollMs ?? REVOCATION_POLL_MS,
    ctx.logger.child({ module: 'revocations' }),
  );
  app.addHook('preClose', async () => {
    stopWatching();
    streams.closeAll();
  });

  healthRoute(app, ctx);
  syncRoutes(app, ctx);
  cardRangeRoutes(app, ctx);
  codeRangeRoutes(app, ctx);
  feedRoutes(app, ctx, streams);
  terminalKeysRoute(app, ctx);
  saleLookupRoutes(app, ctx);
  storeStatusRoutes(app, ctx);
  giftCardLookupRoute(app, ctx);
  await app.register(async (admin) => memberAppCodeRoute(admin, ctx));
  await app.register(async (admin) => adminRoutes(admin, ctx));
  await app.register(async (admin) => adminExceptionsRoutes(admin, ctx));
  await app.register(async (admin) => adminRewardsRoutes(admin, ctx));
  await app.register(async (admin) => adminStorePolicyRoutes(admin, ctx));
  await app.register(async (admin) => adminGiftCardRoutes(admin, ctx));
  await app.register(async (admin) => reportRoutes(admin, ctx));
  await app.register(async (admin) => shiftRoutes(admin, ctx));
  await app.register(async (admin) => terminalRevocationRoutes(admin, ctx, streams));
  // Non-purchase loyalty actions: its own scope with the admin check.
  await app.register(async (events) => eventsRoute(events, ctx));
  await app.register(async (claims) => claimsRoute(claims, ctx));
  // The back office: cookie sessions in their own scope (issue 10).
  await app.register(async (bo) => backofficeApi(bo, ctx, options.https !== undefined));
  await app.register(async (page) => backofficePage(page));
  return app;
}
