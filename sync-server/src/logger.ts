import { pino, type DestinationStream, type Logger } from 'pino';

/** Query parameters whose values are secrets; their values are replaced before a URL is logged. */
const SECRET_PARAMS = new Set(['token', 'code', 'key', 'secret', 'password']);
const REDACTED = '[redacted]';

/**
 * The URL with the values of secret query parameters (token, code, key, secret, password) replaced
 * by `[redacted]`; everything else is kept as it came. No route takes a secret in a URL, but a
 * client may still send one, and it must not reach the log.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hashAt = url.indexOf('#', q);
  const query = url.slice(q + 1, hashAt < 0 ? undefined : hashAt);
  const redacted = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name: string;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        name = rawName;
      }
      return SECRET_PARAMS.has(name.trim().toLowerCase()) ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${redacted}`;
}

/** What is logged of a request: never its headers (authorization) nor its body. */
interface LoggableRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remoteAddress?: string; remotePort?: number };
}

export function serializeRequest(req: LoggableRequest) {
  return {
    method: req.method,
    url: req.url === undefined ? undefined : redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * One structured logger per process. Request bodies and tokens are never logged: requests are
 * logged by `serializeRequest` (method, redacted URL, addresses), and the redaction below covers
 * an authorization header or a token field logged by mistake. `destination` lets a test read the log.
 */
export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'kassa-sync-server' },
    serializers: { req: serializeRequest },
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        'authorization',
        'token',
        '*.token',
        'code',
        'body',
        'req.body',
      ],
      censor: REDACTED,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
