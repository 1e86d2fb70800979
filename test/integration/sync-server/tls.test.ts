import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer } from '../../../sync-server/src/start';

/** GET over HTTPS, accepting the test's self-signed certificate. */
function httpsGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { rejectUnauthorized: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function logSink() {
  const sink = { text: '' };
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      sink.text += chunk.toString();
      done();
    },
  });
  return { sink, stream };
}

describe('HTTPS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-tls-'));
  let tls: { cert: Buffer; key: Buffer };

  beforeAll(() => {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1'].concat([
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ]),
      { stdio: 'ignore' },
    );
    tls = { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves /health over TLS with the given certificate, and not in clear text', async () => {
    const server = await startSyncServer({ dataDir: join(dir, 'a'), port: 0, logLevel: 'silent', tls });
    try {
      expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
      const r = await httpsGet(`${server.url}/health`);
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body)).toMatchObject({ status: 'ok' });
      await expect(fetch(`http://127.0.0.1:${server.port}/health`)).rejects.toThrow();
    } finally {
      await server.close();
    }
  });

  it('warns that tokens travel in clear text when it listens beyond loopback without TLS', async () => {
    const { sink, stream } = logSink();
    const server = await startSyncServer({
      dataDir: join(dir, 'b'),
      host: '0.0.0.0',
      port: 0,
      logLevel: 'warn',
      logDestination: stream,
    });
    await server.close();
    expect(sink.text).toMatch(/without TLS: terminal and admin tokens travel in clear text/);
    expect(sink.text).toContain('README');
  });

  it('does not warn with TLS, nor on 127.0.0.1', async () => {
    const { sink, stream } = logSink();
    const withTls = await startSyncServer({
      dataDir: join(dir, 'c'),
      host: '0.0.0.0',
      port: 0,
      logLevel: 'warn',
      logDestination: stream,
      tls,
    });
    await withTls.close();
    const local = await startSyncServer({
      dataDir: join(dir, 'c'),
      port: 0,
      logLevel: 'warn',
      logDestination: stream,
    });
    await local.close();
    expect(sink.text).not.toMatch(/clear text/);
  });
});
