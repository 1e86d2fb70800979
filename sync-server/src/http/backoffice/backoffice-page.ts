import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { errorBody } from '../errors';

/** Where `npm run build:renderer` writes the till and the back office (renderer/vite.config.ts). */
export const RENDERER_DIST = fileURLToPath(new URL('../../../../dist/renderer/', import.meta.url));

/** Only our own scripts, styles and the API; no frames, no plugins, no inline script. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/**
 * The back-office app at /backoffice/ (its page and the assets beside it, base './'), outside the
 * API's session scope: the page itself is public, everything it reads needs a session. A server
 * without a renderer build says how to make one.
 */
export async function backofficePage(app: FastifyInstance, dist = RENDERER_DIST): Promise<void> {
  const page = `${dist}backoffice.html`;
  app.get('/backoffice', async (_req, reply) => reply.redirect('/backoffice/', 302));
  if (!existsSync(page)) {
    app.get('/backoffice/', async (_req, reply) =>
      reply
        .code(503)
        .send(
          errorBody(
            'backoffice-not-built',
            'The back office is not built on this server: run `npm run build:renderer`, then restart it.',
          ),
        ),
    );
    return;
  }
  await app.register(fastifyStatic, { root: dist, prefix: '/backoffice/', index: false, wildcard: true });
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/backoffice/') && !req.url.startsWith('/backoffice/api/'))
      void reply.header('content-security-policy', CSP).header('x-frame-options', 'DENY');
    return payload;
  });
  app.get('/backoffice/', async (_req, reply) => reply.sendFile('backoffice.html'));
}
