import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
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

export type RendererFile =
  | { ok: true; body: Buffer; contentType: string; isHtml: boolean }
  | { ok: false; reason: 'bad-path' | 'not-found'; message: string };

/**
 * One file of the built renderer, for both hosts (Electron's app:// protocol and the browser
 * host). Paths without an extension are app routes and get index.html; nothing outside the
 * renderer folder is ever read.
 */
export async function readRendererFile(rootDir: string, pathname: string): Promise<RendererFile> {
  const root = resolve(rootDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { ok: false, reason: 'bad-path', message: 'Bad path' };
  }
  const wanted = decoded.endsWith('/') || extname(decoded) === '' ? '/index.html' : decoded;
  const file = resolve(join(root, normalize(wanted)));
  if (!file.startsWith(root + sep)) return { ok: false, reason: 'not-found', message: 'Not found' };
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    const hint = wanted === '/index.html' ? ' (build the renderer: npm run build:renderer)' : '';
    return { ok: false, reason: 'not-found', message: `Not found${hint}` };
  }
  const ext = extname(file);
  return {
    ok: true,
    body: await readFile(file),
    contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
    isHtml: ext === '.html',
  };
}
