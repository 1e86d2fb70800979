import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../sync-server/src/demo/seed-demo';
import { startSyncServer, type RunningSyncServer } from '../../../sync-server/src/start';

/**
 * /pair limits through HTTP. The server trusts X-Forwarded-For (as behind a reverse proxy), so the
 * test can speak from many source addresses. The tests run in order on one server: the last one
 * locks the demo store.
 */
describe('/pair rate limit and lockout', () => {
  let server: RunningSyncServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-pair-limit-'));
  const STORE = 'store-demo-ams';

  const pair = async (from: string, body: unknown) => {
    const res = await fetch(`${server.url}/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      headers: res.headers,
      body: (await res.json()) as { error?: { type: string; message: string } },
    };
  };
  const newCode = async () => {
    const res = await fetch(`${server.url}/admin/stores/${STORE}/pairing-codes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    return ((await res.json()) as { code: string }).code;
  };

  beforeAll(async () => {
    server = await startSyncServer({ dataDir, port: 0, logLevel: 'silent', trustProxy: true });
    await seedDemo({ url: server.url, adminToken: server.adminToken });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('locks an address out after 5 wrong codes, even for a right code, and only that address', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await pair('10.1.0.1', { code: `WRNG-CD${i}X` })).status).toBe(401);
    }
    const code = await newCode();
    const locked = await pair('10.1.0.1', { code });
    expect(locked.status).toBe(429);
    expect(locked.body).toEqual({
      error: {
        type: 'pairing-locked',
        message: 'Too many wrong pairing codes from this address; try again in 15 minutes.',
      },
    });
    // The refused attempt did not use the code: another address pairs with it.
    expect((await pair('10.1.0.2', { code })).status).toBe(200);
  });

  it('limits attempts per address to 30 a minute, answered in the usual error shape', async () => {
    for (let i = 0; i < 30; i++) expect((await pair('10.2.0.1', {})).status).toBe(422);
    const limited = await pair('10.2.0.1', {});
    expect(limited.status).toBe(429);
    expect(limited.body.error?.type).toBe('rate-limited');
    expect(limited.body.error?.message).toMatch(/^Too many requests from this address; try again in/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Malformed requests are limited, not counted as wrong codes: another address is unaffected.
    expect((await pair('10.2.0.2', {})).status).toBe(422);
  });

  it('locks pairing for a store after 20 wrong codes for it from many addresses', async () => {
    const used = await newCode();
    expect((await pair('10.3.0.1', { code: used })).status).toBe(200);
    for (let i = 0; i < 20; i++) {
      expect((await pair(`10.3.1.${i}`, { code: used })).status).toBe(409);
    }
    const fresh = await newCode();
    const locked = await pair('10.3.2.1', { code: fresh });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({
      type: 'pairing-locked',
      message: expect.stringMatching(/for this store/),
    });
    // A code of no store is not caught by the store's lock.
    expect((await pair('10.3.2.2', { code: 'NONE-XXXX' })).status).toBe(401);
  });
});
