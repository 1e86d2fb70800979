import type { FastifyReply } from 'fastify';
import { readRendererFile } from '../host/renderer-files';

/** Serves one file of the built renderer over HTTP. */
export async function serveStatic(
  rootDir: string,
  requestUrl: string,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const file = await readRendererFile(rootDir, new URL(requestUrl, 'http://x').pathname);
  if (!file.ok) {
    return reply
      .code(file.reason === 'bad-path' ? 400 : 404)
      .type('text/plain')
      .send(file.message);
  }
  return reply
    .code(200)
    .header('content-type', file.contentType)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', file.isHtml ? 'no-cache' : 'public, max-age=31536000, immutable')
    .send(file.body);
}
