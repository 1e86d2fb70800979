import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl, serializeRequest } from '../../../sync-server/src/logger';

describe('log redaction', () => {
  it('replaces the value of a token in a URL and keeps the other parameters', () => {
    expect(redactUrl('/sync/v1/products/pull?token=abc&serverSeq=3')).toBe(
      '/sync/v1/products/pull?token=[redacted]&serverSeq=3',
    );
  });

  it('redacts every secret parameter name, in any case or encoding, and leaves plain URLs alone', () => {
    expect(redactUrl('/pair?Code=K7QM-3RXA&key=k&secret=s&password=p&limit=5')).toBe(
      '/pair?Code=[redacted]&key=[redacted]&secret=[redacted]&password=[redacted]&limit=5',
    );
    expect(redactUrl('/x?%74oken=abc&a=1#frag')).toBe('/x?%74oken=[redacted]&a=1');
    expect(redactUrl('/x?token&tokens=1')).toBe('/x?token=[redacted]&tokens=1');
    expect(redactUrl('/health')).toBe('/health');
  });

  it('logs a request as method, redacted URL and addresses — no headers', () => {
    const logged = serializeRequest({
      method: 'GET',
      url: '/admin/sales?token=abc&limit=5',
      host: '127.0.0.1:8787',
      ip: '127.0.0.1',
      socket: { remoteAddress: '127.0.0.1', remotePort: 50_000 },
      headers: { authorization: 'Bearer abc' },
    } as Parameters<typeof serializeRequest>[0]);
    expect(logged).toEqual({
      method: 'GET',
      url: '/admin/sales?token=[redacted]&limit=5',
      host: '127.0.0.1:8787',
      remoteAddress: '127.0.0.1',
      remotePort: 50_000,
    });
  });

  it('censors a token or an authorization header logged by mistake', () => {
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    const log = createLogger('info', sink);
    log.info({ token: 'abc123', headers: { authorization: 'Bearer abc123' } }, 'oops');
    log.info({ req: { method: 'GET', url: '/x?token=abc123' } }, 'request');
    expect(out).toContain('oops');
    expect(out).not.toContain('abc123');
  });
});
