import { pino, type Logger } from 'pino';

/**
 * One structured logger per process. Request bodies and tokens are never logged: Fastify's
 * default serializers log method and URL only, and the redaction below covers a header by mistake.
 */
export function createLogger(level = 'info'): Logger {
  return pino({
    level,
    base: { service: 'kassa-sync-server' },
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'token'], censor: '[redacted]' },
  });
}
