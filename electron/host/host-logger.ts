import { pino, type Logger } from 'pino';

/**
 * The host process's one structured logger (Electron main, or the browser host of `npm start`).
 * Scans are never logged: a swipe's text is a card number. Device ids and reasons are.
 */
export function createHostLogger(
  service: 'kassa-electron-main' | 'kassa-browser-host',
  level = 'info',
): Logger {
  return pino({
    level,
    base: { service },
    redact: { paths: ['token', 'paired.token', 'text', 'rawHex'], censor: '[redacted]' },
  });
}
