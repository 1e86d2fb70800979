import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_BOUNDS as B } from '../../../core/journal/bounds';
import { giftCardLookupBase } from '../../../core/sync/gift-card-protocol';
import { errorBodySchema, syncPaths } from '../../../core/sync/protocol';
import { hashSecret } from '../../../sync-server/src/domain/tokens';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { quietApp } from './support/app';
import { makeSale } from './support/sale-events';
import { amsterdamStore, pairedTerminal } from './support/seed';
import { sqliteAdapter } from './support/storages';

/**
 * The spending routes of issue 9 (gift cards, sale look-up, points transfer, store policy and
 * managers, claims) under hostile input: path params of 10,000 characters, unicode, `__proto__`,
 * negative and 2^53 amounts, missing or wrong tokens, another store's ids. Each answer is a clear
 * 4xx with {error:{type,message}} — never a 500 (an operator's alarm, a till's retry loop), never
 * another store's data.
 */
const ADMIN = 'admin-token-for-tests';
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const A1 = { terminalId: 'A1', storeId: 's1', token: 'amsterdam-one-token' };
const R1 = { terminalId: 'R1', storeId: 's2', token: 'rotterdam-one-token' };
const SECRET_NAME = 'Rotterdamse geheime kaas';

const HOSTILE = [
  'x'.repeat(10_000),
  '🧀'.repeat(100),
  '__proto__',
  'constructor',
  'hasOwnProperty',
  '%00',
  '..%2F..%2Fadmin%2Fgift-cards',
  '%E0%A4%A', // broken percent-encoding
  '%F0%9F%A7%80',
  "'; DROP TABLE gift_cards; --",
  '\u202E',
];
const AMOUNTS = [-1, 0.5, 2 ** 53, -(2 ** 53), B.maxAbsCents + 1, Number.MAX_VALUE, '100', null, true];

describe('spending routes under hostile input (SQLite)', () => {
  const adapter = sqliteAdapter();
  let s: Storage;
  let app: FastifyInstance;
  let rotterdamSaleId = '';
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    await s.transaction(async (tx) => {
      await tx.stores.upsert(amsterdamStore('s1'), 1);
      await tx.stores.upsert(amsterdamStore('s2', 'Winkel Rotterdam'), 1);
      for (const t of [A1, R1]) await tx.terminals.insert(pairedTerminal(t, hashSecret(t.token)));
    });
    app = await quietApp(s, ADMIN, () => NOW);
    // Rotterdam's sale, which Amsterdam must never see.
    const sale = makeSale({ ...R1, seq: 1, prevHash: '0'.repeat(64) });
    const secret = { ...sale, lines: sale.lines.map((l) => ({ ...l, name: SECRET_NAME })) };
    const { sealEvent } = await import('../../../core/journal/hash-chain');
    const { hash: _h, ...unsigned } = secret;
    const sealed = sealEvent(unsigned as never) as { id: string };
    rotterdamSaleId = sealed.id;
    const pushed = await app.inject({
      method: 'POST',
      url: syncPaths.push('journal'),
      headers: { authorization: `Bearer ${R1.token}` },
      payload: [{ newDocumentState: { ...sealed, _deleted: false } }],
    });
    expect(pushed.statusCode, pushed.body).toBe(200);
  });
  afterEach(async () => {
    await app.close();
    await s.close();
  });

  type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
  const send = (method: Method, url: string, token: string | null, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload !== undefined
        ? { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }
        : {}),
    });
  /** A clear 4xx with {error:{type,message}}; returns the error. */
  const refused = (r: Awaited<ReturnType<typeof send>>, what: string) => {
    expect(r.statusCode, `${what}: ${r.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
    expect(r.statusCode, `${what}: ${r.body.slice(0, 300)}`).toBeLessThan(500);
    const parsed = errorBodySchema.safeParse(r.json());
    expect(parsed.success, `${what}: not {error:{type,message}}: ${r.body.slice(0, 300)}`).toBe(true);
    const e = (parsed.data as { error: { type: string; message: string } }).error;
    expect(e.type.length, what).toBeGreaterThan(0);
    expect(e.message.length, what).toBeGreaterThan(5);
    expect(r.body.length, `${what}: the answer echoes the input`).toBeLessThan(2_000);
    expect(r.body, what).not.toContain(SECRET_NAME);
    return e;
  };
  const enc = (p: string) => (/%/.test(p) ? p : encodeURIComponent(p));
  const issue = async (storeId = 's1', amountCents = 2_500) => {
    const r = await send('POST', '/admin/gift-cards', ADMIN, {
      kind: 'gift-card',
      amountCents,
      storeId,
      key: `k-${storeId}-${amountCents}`,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ code: string }>().code;
  };

  it('terminal routes: hostile path params answer a 4xx with an error body, for every till', async () => {
    for (const p of HOSTILE) {
      for (const url of [`${giftCardLookupBase}/${enc(p)}`, `/sync/v1/sales/${enc(p)}`]) {
        refused(await send('GET', url, A1.token), `GET ${url.slice(0, 60)}`);
      }
    }
  });

  it('terminal routes: no token, a wrong token or the admin token answer 401 before anything is read', async () => {
    const code = await issue();
    for (const url of [`${giftCardLookupBase}/${code}`, `/sync/v1/sales/${rotterdamSaleId}`]) {
      for (const token of [null, 'wrong', ADMIN, `${A1.token}x`, 'x'.repeat(10_000)]) {
        const r = await send('GET', url, token);
        expect(r.statusCode, `${url} with ${String(token).slice(0, 20)}`).toBe(401);
        refused(r, url);
        expect(r.body).not.toContain(code.slice(4));
      }
    }
  });

  it('code ranges: hostile amounts answer a 4xx and allocate nothing; no token answers 401', async () => {
    for (const remaining of [...AMOUNTS, 1_000_000_001]) {
      const r = await send('POST', '/sync/v1/code-ranges', A1.token, { remaining });
      refused(r, `remaining ${String(remaining)}`);
    }
    refused(await send('POST', '/sync/v1/code-ranges', A1.token, '{"__proto__":{"remaining":0}}'), 'proto');
    expect((await send('POST', '/sync/v1/code-ranges', null, { remaining: 0 })).statusCode).toBe(401);
    const blocks = await send('GET', '/sync/v1/code-ranges', A1.token);
    expect(blocks.json()).toMatchObject({ blocks: [] });
  });

  it("another store's sale answers Amsterdam's till exactly like a sale that does not exist", async () => {
    const other = await send('GET', `/sync/v1/sales/${rotterdamSaleId}`, A1.token);
    const missing = await send('GET', `/sync/v1/sales/${'0'.repeat(26)}`, A1.token);
    expect(other.statusCode).toBe(404);
    expect(refused(other, 'other store').type).toBe(refused(missing, 'missing').type);
    const own = await send('GET', `/sync/v1/sales/${rotterdamSaleId}`, R1.token);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(SECRET_NAME);
  });

  it('admin gift cards: hostile amounts, kinds, stores, keys and codes answer a 4xx; nothing is issued', async () => {
    const code = await issue();
    const bodies: unknown[] = [
      ...AMOUNTS.map((amountCents) => ({ kind: 'gift-card', amountCents, storeId: 's1', key: 'a' })),
      { kind: '__proto__', amountCents: 1, storeId: 's1', key: 'b' },
      { kind: 'gift-card', amountCents: 1, storeId: 'x'.repeat(10_000), key: 'c' },
      { kind: 'gift-card', amountCents: 1, storeId: '__proto__', key: 'd' },
      { kind: 'gift-card', amountCents: 1, storeId: 's1', key: 'k'.repeat(10_000) },
      { kind: 'gift-card', amountCents: 1, storeId: 's1', key: 'e', currency: '€UR' },
      { kind: 'gift-card', amountCents: 1, storeId: 's1', key: 'f', isAdmin: true },
      '{"__proto__":{"kind":"gift-card","amountCents":1,"storeId":"s1","key":"g"}}',
      '[]',
      '"gift-card"',
      'null',
    ];
    for (const b of bodies)
      refused(await send('POST', '/admin/gift-cards', ADMIN, b), `issue ${JSON.stringify(b).slice(0, 80)}`);
    for (const amountCents of AMOUNTS) {
      const url = `/admin/gift-cards/${code}/load`;
      refused(await send('POST', url, ADMIN, { amountCents, key: 'load' }), `load ${String(amountCents)}`);
    }
    for (const p of HOSTILE) {
      refused(await send('GET', `/admin/gift-cards/${enc(p)}`, ADMIN), `show ${p.slice(0, 20)}`);
      const load = await send('POST', `/admin/gift-cards/${enc(p)}/load`, ADMIN, {
        amountCents: 1,
        key: 'h',
      });
      refused(load, `load ${p.slice(0, 20)}`);
    }
    for (const token of [null, A1.token, 'wrong']) {
      const r = await send('POST', '/admin/gift-cards', token, {
        kind: 'gift-card',
        amountCents: 1,
        storeId: 's1',
        key: 'i',
      });
      expect(r.statusCode).toBe(401);
      refused(r, 'issue without the admin token');
    }
    const shown = await send('GET', `/admin/gift-cards/${code}`, ADMIN);
    expect(shown.json()).toMatchObject({ balanceCents: 2_500 });
    const hq = await s.journal.page(0, 1_000, 'hq');
    expect(hq.map((r) => r.type)).toEqual(['gift-card-issued']);
  });

  it('points transfer: hostile members, points and keys answer a 4xx; no balance moves', async () => {
    await s.transaction((tx) =>
      tx.members.upsert(
        ['M1', 'M2'].map((memberId) => ({
          memberId,
          homeStoreId: 's1',
          fullName: memberId,
          email: null,
          phoneHash: null,
          phoneLast3: null,
          tier: null,
          segments: [],
          birthday: null,
          enrolledAt: 1,
          optedIn: true,
          cards: [],
        })),
      ),
    );
    const bodies: unknown[] = [
      ...AMOUNTS.map((points) => ({ to: 'M2', points, key: 'a' })),
      { to: 'M2', points: B.maxPoints + 1, key: 'b' },
      { to: 'M2', points: 0, key: 'c' },
      { to: '__proto__', points: 1, key: 'd' },
      { to: 'x'.repeat(10_000), points: 1, key: 'e' },
      { to: 'M1', points: 1, key: 'f' },
      { to: 'M2', points: 1, key: 'k'.repeat(10_000) },
      { to: 'M2', points: 1, key: 'g', note: 'n'.repeat(10_000) },
      '{"__proto__":{"to":"M2","points":1,"key":"h"}}',
    ];
    for (const b of bodies) {
      refused(
        await send('POST', '/admin/members/M1/transfer', ADMIN, b),
        `transfer ${JSON.stringify(b).slice(0, 60)}`,
      );
    }
    for (const p of HOSTILE) {
      refused(
        await send('POST', `/admin/members/${enc(p)}/transfer`, ADMIN, { to: 'M2', points: 1, key: 'i' }),
        p,
      );
    }
    const r = await send('POST', '/admin/members/M1/transfer', A1.token, { to: 'M2', points: 1, key: 'j' });
    expect(r.statusCode).toBe(401);
    for (const m of ['M1', 'M2']) expect((await s.members.get(m))?.balance).toBe(0);
  });

  it("store policy and managers: hostile stores, values and ids answer a 4xx; another store's manager stays", async () => {
    const added = await send('POST', '/admin/stores/s2/managers', ADMIN, { name: 'Rotterdam', pin: '4821' });
    expect(added.statusCode, added.body).toBe(201);
    const { managerId } = added.json<{ manager: { managerId: string } }>().manager;
    for (const p of HOSTILE) {
      for (const [method, url] of [
        ['GET', `/admin/stores/${enc(p)}/policy`],
        ['PUT', `/admin/stores/${enc(p)}/policy`],
        ['GET', `/admin/stores/${enc(p)}/managers`],
        ['POST', `/admin/stores/${enc(p)}/managers`],
        ['DELETE', `/admin/stores/s1/managers/${enc(p)}`],
      ] as const) {
        const body =
          method === 'PUT'
            ? { offlinePolicy: null }
            : method === 'POST'
              ? { name: 'A', pin: '1234' }
              : undefined;
        refused(await send(method, url, ADMIN, body), `${method} ${url.slice(0, 60)}`);
      }
    }
    for (const value of AMOUNTS) {
      const r = await send('PUT', '/admin/stores/s1/policy', ADMIN, {
        offlinePolicy: { memberDailyPoints: value },
      });
      refused(r, `memberDailyPoints ${String(value)}`);
    }
    for (const b of [
      '{"offlinePolicy":{"__proto__":{"memberDailyPoints":-5}}}',
      '{"__proto__":{"offlinePolicy":{"memberDailyPoints":-5}}}',
      '[]',
      '"x"',
      { sanityLimits: { maxLineCents: 2 ** 53 } },
    ]) {
      refused(await send('PUT', '/admin/stores/s1/policy', ADMIN, b), `policy ${JSON.stringify(b)}`);
    }
    // Nothing of it reached the policy (nor any object's prototype): the defaults stand.
    const policy = await send('GET', '/admin/stores/s1/policy', ADMIN);
    expect(policy.json()).toMatchObject({
      policy: { defaults: { offlinePolicy: true, sanityLimits: true } },
    });
    expect(({} as Record<string, unknown>).memberDailyPoints).toBeUndefined();
    for (const b of [
      { name: 'n'.repeat(10_000), pin: '1234' },
      { name: 'A', pin: '1'.repeat(10_000) },
      { name: 'A', pin: 1234 },
      { name: '__proto__' },
      '[]',
    ]) {
      refused(
        await send('POST', '/admin/stores/s1/managers', ADMIN, b),
        `manager ${JSON.stringify(b).slice(0, 40)}`,
      );
    }
    // Amsterdam's path cannot remove Rotterdam's manager, nor list it.
    refused(await send('DELETE', `/admin/stores/s1/managers/${managerId}`, ADMIN), 'cross-store delete');
    expect((await send('GET', '/admin/stores/s1/managers', ADMIN)).body).not.toContain(managerId);
    expect((await send('GET', '/admin/stores/s2/managers', ADMIN)).body).toContain(managerId);
    for (const token of [null, A1.token]) {
      expect((await send('GET', '/admin/stores/s1/policy', token)).statusCode).toBe(401);
    }
  });

  it('claims: hostile tokens and members answer a 4xx', async () => {
    for (const b of [
      { token: 'x'.repeat(10_000), memberId: 'M1' },
      { token: '__proto__', memberId: 'M1' },
      { token: 'KASSA1.x', memberId: '__proto__' },
      { token: 'KASSA1.x', card: 'c'.repeat(1_000) },
      { token: 'KASSA1.x' },
      '{"__proto__":{"token":"x","memberId":"M1"}}',
    ]) {
      refused(await send('POST', '/claims', ADMIN, b), `claim ${JSON.stringify(b).slice(0, 40)}`);
    }
    expect((await send('POST', '/claims', A1.token, { token: 'x', memberId: 'M1' })).statusCode).toBe(401);
  });
});
