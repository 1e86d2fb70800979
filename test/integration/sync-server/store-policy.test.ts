import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyPin } from '../../../core/loyalty/manager-pin';
import { DEMO_COUPON_KEY, DEMO_GIFT_KEY } from '../../../core/scan/scan-config';
import { DEFAULT_OFFLINE_POLICY, DEFAULT_SANITY_LIMITS } from '../../../core/store/store-policy';
import { pullResponseSchema, syncPaths } from '../../../core/sync/protocol';
import { terminalKeysPath, terminalKeysSchema } from '../../../core/sync/terminal-keys';
import { codeKey, codeKeysOf } from '../../../sync-server/src/domain/code-keys';
import { hashSecret } from '../../../sync-server/src/domain/tokens';
import { seedDemoSpending } from '../../../sync-server/src/demo/demo-managers';
import type { FeedChange, Storage } from '../../../sync-server/src/storage/storage';
import { quietApp } from './support/app';
import { amsterdamStore, pairedTerminal } from './support/seed';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/**
 * A store's offline policy and managers: set by HQ through the admin API, kept on both dialects,
 * and carried to the store's tills in the store's document (the PIN only as a hash that checks
 * the PIN); the signed-code keys every till gets with its terminal keys.
 */
const ADMIN = 'admin-token-for-tests';
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const A1 = { terminalId: 'A1', storeId: 's1', token: 'amsterdam-one-token' };
const R1 = { terminalId: 'R1', storeId: 's2', token: 'rotterdam-one-token' };
const storesPage = pullResponseSchema('stores');
const b64 = (k: Uint8Array) => Buffer.from(k).toString('base64url');

describe.each([sqliteAdapter(), postgresAdapter()])(
  'store policy and managers: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    let app: FastifyInstance;
    let heard: FeedChange[];
    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      await s.transaction(async (tx) => {
        await tx.stores.upsert(amsterdamStore('s1'), 1);
        await tx.stores.upsert(amsterdamStore('s2', 'Winkel Rotterdam'), 1);
        for (const t of [A1, R1]) await tx.terminals.insert(pairedTerminal(t, hashSecret(t.token)));
      });
      heard = [];
      s.onFeedChanged((c) => heard.push(c));
      app = await quietApp(s, ADMIN, () => NOW);
    });
    afterEach(async () => {
      await app.close();
      await s.close();
    });

    const admin = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${ADMIN}` },
        ...(payload ? { payload } : {}),
      });
    /** The store document as the till pulls it. */
    const storeDoc = async (till = A1, after = 0) => {
      const r = await app.inject({
        method: 'GET',
        url: `${syncPaths.pull('stores')}?serverSeq=${after}`,
        headers: { authorization: `Bearer ${till.token}` },
      });
      expect(r.statusCode).toBe(200);
      return storesPage.parse(r.json()).documents;
    };

    it('a store nobody configured follows the defaults, and its document carries none', async () => {
      const r = await admin('GET', '/admin/stores/s1/policy');
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({
        policy: {
          storeId: 's1',
          offlinePolicy: DEFAULT_OFFLINE_POLICY,
          sanityLimits: DEFAULT_SANITY_LIMITS,
          defaults: { offlinePolicy: true, sanityLimits: true },
        },
      });
      const [doc] = await storeDoc();
      expect(doc).not.toHaveProperty('offlinePolicy');
      expect(doc).not.toHaveProperty('managers');
    });

    it("setting some numbers keeps the rest, reaches only the store's tills, and wakes them", async () => {
      const [before] = await storeDoc();
      // On PostgreSQL the set-up's own writes are announced through NOTIFY and may land after the
      // listener is on: let them arrive (at most 2 s), then listen afresh for what the policy wakes.
      for (let waited = 0; adapter.name === 'postgres' && waited < 2000; waited += 50) {
        if (heard.some((c) => c.storeId === 's2')) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      heard.length = 0;
      const r = await admin('PUT', '/admin/stores/s1/policy', {
        offlinePolicy: { memberDailyPoints: 300 },
        sanityLimits: { maxQuantity: 20 },
      });
      expect(r.statusCode).toBe(200);
      const docs = await storeDoc(A1, before?.serverSeq ?? 0);
      expect(docs).toHaveLength(1);
      expect(docs[0]?.offlinePolicy).toEqual({ ...DEFAULT_OFFLINE_POLICY, memberDailyPoints: 300 });
      expect(docs[0]?.sanityLimits).toEqual({ ...DEFAULT_SANITY_LIMITS, maxQuantity: 20 });
      expect(heard).toContainEqual(expect.objectContaining({ collection: 'stores', storeId: 's1' }));
      expect(heard.some((c) => c.storeId === 's2')).toBe(false);
      expect((await storeDoc(R1))[0]).not.toHaveProperty('offlinePolicy');

      // A store import that predates the policy (no policy fields) keeps it.
      await s.transaction((tx) => tx.stores.upsert({ ...amsterdamStore('s1'), name: 'Winkel Centrum' }, 2));
      const [renamed] = await storeDoc();
      expect(renamed?.name).toBe('Winkel Centrum');
      expect(renamed?.offlinePolicy?.memberDailyPoints).toBe(300);

      // Back to the defaults: the document carries no policy again.
      expect((await admin('PUT', '/admin/stores/s1/policy', { offlinePolicy: null })).statusCode).toBe(200);
      const [reset] = await storeDoc();
      expect(reset).not.toHaveProperty('offlinePolicy');
      expect(reset?.sanityLimits?.maxQuantity).toBe(20);
    });

    it('refuses a bad value with the field and the rule, and changes nothing', async () => {
      const bad = await admin('PUT', '/admin/stores/s1/policy', {
        offlinePolicy: { memberDailyPoints: -5, tillDailyPoints: 10 },
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json<{ error: { type: string; message: string } }>().error).toMatchObject({
        type: 'invalid-policy',
        message: expect.stringContaining('offlinePolicy.memberDailyPoints'),
      });
      const typo = await admin('PUT', '/admin/stores/s1/policy', { offlinePolicy: { memberDailyPoint: 5 } });
      expect(typo.statusCode).toBe(422);
      expect(typo.json<{ error: { message: string } }>().error.message).toContain('memberDailyPoint');
      expect((await admin('PUT', '/admin/stores/nope/policy', {})).statusCode).toBe(404);
      expect((await storeDoc())[0]).not.toHaveProperty('offlinePolicy');
    });

    it("a manager's PIN reaches the tills only as a hash that checks it; removing them takes it away", async () => {
      const added = await admin('POST', '/admin/stores/s1/managers', { name: 'Sanne de Vries', pin: '1234' });
      expect(added.statusCode).toBe(201);
      const { manager } = added.json<{ manager: { managerId: string; name: string } }>();
      expect(added.body).not.toContain('1234');
      expect(added.body).not.toContain('scrypt');

      const [doc] = await storeDoc();
      expect(doc?.managers).toHaveLength(1);
      const held = doc?.managers?.[0];
      expect(held).toMatchObject({ managerId: manager.managerId, name: 'Sanne de Vries' });
      expect(held?.pinHash).toMatch(/^scrypt\$/);
      expect(verifyPin('1234', held?.pinHash ?? '')).toBe(true);
      expect(verifyPin('4321', held?.pinHash ?? '')).toBe(false);
      expect((await storeDoc(R1))[0]).not.toHaveProperty('managers');

      const listed = await admin('GET', '/admin/stores/s1/managers');
      expect(listed.json()).toEqual({
        managers: [{ storeId: 's1', managerId: manager.managerId, name: 'Sanne de Vries', createdAt: NOW }],
      });

      const badPin = await admin('POST', '/admin/stores/s1/managers', { name: 'Kees', pin: '12' });
      expect(badPin.statusCode).toBe(422);
      expect(badPin.json<{ error: { message: string } }>().error.message).toBe('pin: a PIN is 4 to 8 digits');

      const removed = await admin('DELETE', `/admin/stores/s1/managers/${manager.managerId}`);
      expect(removed.statusCode).toBe(200);
      expect((await storeDoc())[0]).not.toHaveProperty('managers');
      expect((await admin('DELETE', `/admin/stores/s1/managers/${manager.managerId}`)).statusCode).toBe(404);
      expect((await admin('GET', '/admin/stores/s1/managers', undefined)).json()).toEqual({ managers: [] });
    });

    it('the admin routes need the admin token', async () => {
      const r = await app.inject({ method: 'GET', url: '/admin/stores/s1/policy' });
      expect(r.statusCode).toBe(401);
      const till = await app.inject({
        method: 'POST',
        url: '/admin/stores/s1/managers',
        headers: { authorization: `Bearer ${A1.token}` },
        payload: { name: 'Mallory', pin: '0000' },
      });
      expect(till.statusCode).toBe(401);
    });

    it('every till gets the chain’s coupon and gift-card keys, made once and shared', async () => {
      const keys = async (till: typeof A1) => {
        const r = await app.inject({
          method: 'GET',
          url: terminalKeysPath,
          headers: { authorization: `Bearer ${till.token}` },
        });
        expect(r.statusCode).toBe(200);
        return terminalKeysSchema.parse(r.json());
      };
      const a = await keys(A1);
      const r = await keys(R1);
      expect(a.codes?.map((c) => c.formatId)).toEqual(['kassa-coupon', 'kassa-gift-card']);
      expect(r.codes).toEqual(a.codes);
      expect(a.codes?.every((c) => c.keys.length === 1)).toBe(true);
      const coupon = await codeKey(s, 'kassa-coupon');
      expect(a.codes?.[0]?.keys[0]).toEqual({ keyId: coupon.id, key: b64(coupon.secret) });
      expect(coupon.secret).toHaveLength(32);
      // A second instance on the same database reads the same key.
      const other = await adapter.reopen();
      try {
        expect(b64((await codeKey(other, 'kassa-coupon')).secret)).toBe(b64(coupon.secret));
      } finally {
        await other.close();
      }
    });

    it('the demo seed makes the public demo keys current, keeps the earlier key, and is idempotent', async () => {
      const before = await codeKey(s, 'kassa-gift-card', NOW);
      await s.transaction(async (tx) => {
        await tx.stores.upsert({ ...amsterdamStore('store-demo-ams'), region: null }, 1);
        await tx.stores.upsert({ ...amsterdamStore('store-demo-utr'), region: null }, 1);
        await tx.stores.upsert({ ...amsterdamStore('store-demo-ehv'), region: null }, 1);
      });
      await seedDemoSpending(s, NOW);
      await seedDemoSpending(s, NOW + 1);
      const gift = await codeKeysOf(s, 'kassa-gift-card', NOW);
      expect(gift.map((k) => [k.id, b64(k.secret)])).toEqual([
        [DEMO_GIFT_KEY.id, b64(DEMO_GIFT_KEY.secret)],
        [before.id, b64(before.secret)],
      ]);
      expect(b64((await codeKey(s, 'kassa-coupon')).secret)).toBe(b64(DEMO_COUPON_KEY.secret));
      const ams = await s.stores.pull('store-demo-ams', 0, 10);
      expect(ams[0]?.managers?.map((m) => m.name)).toEqual(['Sanne de Vries']);
      expect(verifyPin('1234', ams[0]?.managers?.[0]?.pinHash ?? '')).toBe(true);
      // The demo stores follow the defaults: nothing stored, the tills apply core's numbers.
      expect(ams[0]).not.toHaveProperty('offlinePolicy');
      // The second run changed nothing: the store's document kept its serverSeq.
      const seqBefore = ams[0]?.serverSeq ?? 0;
      await seedDemoSpending(s, NOW + 2);
      expect((await s.stores.pull('store-demo-ams', 0, 10))[0]?.serverSeq).toBe(seqBefore);
    });
  },
);
