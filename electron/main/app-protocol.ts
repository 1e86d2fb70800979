import type { Protocol } from 'electron';
import { contentSecurityPolicy } from '../host/csp';
import { readRendererFile } from '../host/renderer-files';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** Must run before `app` is ready: app:// behaves like https (secure, standard, fetch, storage). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

/** Answers one app:// request from the built renderer, with the CSP on every response. */
export async function answerAppRequest(
  rendererDir: string,
  requestUrl: string,
  serverUrl: string | null,
): Promise<Response> {
  const url = new URL(requestUrl);
  const headers = {
    'content-security-policy': contentSecurityPolicy(serverUrl),
    'x-content-type-options': 'nosniff',
  };
  if (url.host !== APP_HOST) return new Response('Not found', { status: 404, headers });
  const file = await readRendererFile(rendererDir, url.pathname);
  if (!file.ok)
    return new Response(file.message, { status: file.reason === 'bad-path' ? 400 : 404, headers });
  return new Response(new Uint8Array(file.body), {
    status: 200,
    headers: { ...headers, 'content-type': file.contentType },
  });
}

export function handleAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  rendererDir: string,
  serverUrl: () => Promise<string | null>,
): void {
  protocol.handle(APP_SCHEME, async (request) =>
    answerAppRequest(rendererDir, request.url, await serverUrl()),
  );
}
