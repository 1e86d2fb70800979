import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../sync-server/src/demo/seed-demo';
import { startSyncServer, type RunningSyncServer } from '../../../sync-server/src/start';
import { call } from './support/http';

const PUSH = '/sync/v1/journal/push';

/** POST with node:http, so the answer is read even if the server answers before the body is in. */
function post(
  url: string,
  path: string,
  body: string,
  token?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    // The server may close the connection once it has answered: that is not a failure here.
    req.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e),
    );
    req.end(body);
  });
}

describe('authentication before the body is parsed', () => {
  let server: RunningSyncServer;
  let token: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-auth-'));
  // 6 MiB that is not JSON: parsing it would answer 422, so a 401 shows it was never parsed.
  const notJson = `{"rows": [${'x'.repeat(6 * 1024 * 1024)}`;

  beforeAll(async () => {
    server = await startSyncServer({ dataDir, port: 0, logLevel: 'silent' });
    const seeded = await seedDemo({ url: server.url, adminToken: server.adminToken });
    const paired = await call(server, 'POST', '/pair', { body: { code: seeded.pairingCode } });
    token = (paired.body as { token: string }).token;
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 401 to a 6 MiB push without a token, without parsing it', async () => {
    const r = await post(server.url, PUSH, notJson);
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toMatchObject({ error: { type: 'token-missing' } });
  });

  it('answers 401 to the same body with a wrong token', async () => {
    const r = await post(server.url, PUSH, notJson, 'not-a-token');
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toMatchObject({ error: { type: 'token-unknown' } });
  });

  it('parses it for a paired terminal (and says it is not JSON)', async () => {
    const r = await post(server.url, PUSH, notJson, token);
    expect(r.status).toBe(422);
  });

  it('answers 401, not 413, to a body over the limit without a token', async () => {
    const r = await post(server.url, PUSH, 'x'.repeat(9 * 1024 * 1024));
    expect(r.status).toBe(401);
  });

  it('guards every /sync/ route, and the admin API, by header only', async () => {
    expect((await call(server, 'GET', '/sync/v1/terminal')).status).toBe(401);
    expect((await call(server, 'GET', '/sync/v1/products/pull?serverSeq=0')).status).toBe(401);
    expect((await call(server, 'GET', `/sync/v1/terminal?token=${token}`)).status).toBe(401);
    expect((await call(server, 'GET', '/sync/v1/terminal', { token })).status).toBe(200);
    expect((await call(server, 'GET', `/admin/stores?token=${server.adminToken}`)).status).toBe(401);
    expect((await call(server, 'GET', `/admin/sales?adminToken=${server.adminToken}`)).status).toBe(401);
  });
});

describe('no secret in the log', () => {
  it('logs requests that carried a token and a pairing code without either', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kassa-log-'));
    let log = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        log += chunk.toString();
        done();
      },
    });
    const server = await startSyncServer({ dataDir, port: 0, logLevel: 'trace', logDestination: sink });
    try {
      await seedDemo({ url: server.url, adminToken: server.adminToken });
      const issued = await call(server, 'POST', '/admin/stores/store-demo-ams/pairing-codes', {
        token: server.adminToken,
        body: {},
      });
      const code = (issued.body as { code: string }).code;
      // A client that puts secrets where it should not: the code in the query as well as the body.
      const paired = await call(server, 'POST', `/pair?code=${code}`, {
        body: { code, terminalName: 'Log test' },
      });
      expect(paired.status).toBe(200);
      const token = (paired.body as { token: string }).token;
      expect(
        (await call(server, 'GET', `/sync/v1/terminal?token=${token}&serverSeq=3`, { token })).status,
      ).toBe(200);
      expect((await call(server, 'GET', '/admin/stores', { token: server.adminToken })).status).toBe(200);
      expect((await call(server, 'POST', '/pair', { body: { code } })).status).toBe(409);

      expect(log).toContain('/sync/v1/terminal?token=[redacted]&serverSeq=3');
      expect(log).toContain('/pair?code=[redacted]');
      for (const secret of [token, code, code.replace('-', ''), server.adminToken]) {
        expect(log).not.toContain(secret);
      }
      expect(log.toLowerCase()).not.toContain('bearer');
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
