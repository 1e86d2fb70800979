import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { FastifyReply } from 'fastify';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves one file of the built renderer. Paths without an extension are app routes and get
 * index.html; nothing outside the renderer folder is ever read.
 */
export async function serveStatic(
  rootDir: string,
  requestUrl: string,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const root = resolve(rootDir);
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://x').pathname);
  } catch {
    return reply.code(400).type('text/plain').send('Bad path');
  }
  const wanted = pathname.endsWith('/') || extname(pathname) === '' ? '/index.html' : pathname;
  const file = resolve(join(root, normalize(wanted)));
  if (file !== root && !file.startsWith(root + sep))
    return reply.code(404).type('text/plain').send('Not found');
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    const hint = wanted === '/index.html' ? ' (build the renderer: npm run build:renderer)' : '';
    return reply.code(404).type('text/plain').send(`Not found${hint}`);
  }
  const body = await readFile(file);
  const isHtml = extname(file) === '.html';
  return reply
    .code(200)
    .header('content-type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', isHtml ? 'no-cache' : 'public, max-age=31536000, immutable')
    .send(body);
}
