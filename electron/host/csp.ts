/**
 * The Content-Security-Policy of the renderer, the same in Electron and in the browser fallback:
 * only our own scripts, and network access only to ourselves and the paired sync server.
 */
export function contentSecurityPolicy(serverUrl: string | null): string {
  const server = serverOrigin(serverUrl);
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style through the CSSOM; Vite's built CSS is a file. No inline <style> needed,
    // but style attributes from third-party widgets would be, so styles may be inline.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${server ? ` ${server}` : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function serverOrigin(serverUrl: string | null): string | null {
  if (!serverUrl) return null;
  try {
    const url = new URL(serverUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}
