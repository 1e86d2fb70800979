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
  // Checked per request: `npm start` starts the server before it builds the renderer.
  const built = () => existsSync(`${dist}backoffice.html`);
  await app.register(fastifyStatic, { root: dist, serve: false });
  app.addHook('onSend', async (_req, reply, payload) => {
    void reply.header('content-security-policy', CSP).header('x-frame-options', 'DENY');
    return payload;
  });
  app.get('/backoffice', async (_req, reply) => reply.redirect('/backoffice/', 302));
  app.get('/backoffice/', async (_req, reply) => {
    if (built()) return reply.sendFile('backoffice.html');
    return reply
      .code(503)
      .send(
        errorBody(
          'backoffice-not-built',
          'The back office is not built on this server: run `npm run build:renderer`, then reload.',
        ),
      );
  });
  // Its assets (base './'); `send` keeps every path inside dist.
  app.get('/backoffice/*', async (req, reply) => reply.sendFile((req.params as { '*': string })['*']));
}
