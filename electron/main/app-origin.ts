/**
 * The renderer is served from a custom `app://kassa/` protocol rather than file://: it gives the
 * page a real origin (so `script-src 'self'`, IndexedDB and the senderFrame check all mean
 * "our files", where file:// would trust any local file), and lets the protocol handler add the
 * CSP header to every response.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kassa';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}
