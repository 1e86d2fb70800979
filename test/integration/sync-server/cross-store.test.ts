import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { READ_MODELS } from '../../../core/sync/read-models';
import { syncPaths } from '../../../core/sync/protocol';
import { upsertCatalogue } from '../../../sync-server/src/domain/catalogue';
import { issuePairingCode, pairTerminal } from '../../../sync-server/src/domain/pairing';
import { saveStores } from '../../../sync-server/src/domain/stores';
import type { MemberInput } from '../../../sync-server/src/storage/repos/members';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { quietApp } from './support/app';
import { makeSale, pushRows, saleChain } from './support/sale-events';
import { amsterdamStore } from './support/seed';
import { sseReader } from './support/sse';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';
import { GENESIS_HASH } from '../../../core/journal/sale-event';

/**
 * A till of store A acting against store B (issue 11, item 18), through HTTP on both adapters:
 * pushes that name B are refused as a whole (403 `forbidden-store`) and store nothing; no pull of
 * any read model, no query parameter naming B, and no stream message carries anything of B.
 * (Another terminal's id in a push: http-api.test.ts; members by region: member-region-scope;
 * another store's sale: sale-lookup.test.ts.)
 */
const ADMIN = 'admin-token-for-tests';
const NOW = Date.parse('2026-12-01T10:00:00Z');
/** Every text of B's that must never reach A: its id, its product, its member. */
const B_MARKS = ['store-b', 'Winkel Bee', 'Bee-only kaas', 'p-b-1', 'Bertha Bee', 'M-B'];

const product = (id: string, name: string) => ({
  id,
  code: `87${id.replace(/\D/g, '').padStart(11, '0')}`,
  name,
  priceCents: 299,
  unit: 'each' as const,
  category: '',
  brand: '',
  tags: [],
});
const member = (memberId: string, homeStoreId: string, fullName: string): MemberInput => ({
  memberId,
  homeStoreId,
  fullName,
  enrolledAt: 1,
  optedIn: true,
  cards: [`7083${memberId.replace(/\D/g, '').padStart(12, '1')}`],
});

describe.each([sqliteAdapter(), postgresAdapter()])(
  'a till of one store against another: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    let app: FastifyInstance;
    let url: string;
    const tokens = new Map<string, { terminalId: string; token: string }>();
    const aborts: AbortController[] = [];

    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      const saved = await saveStores(
        s,
        [
          { ...amsterdamStore('store-a', 'Winkel Aa'), region: 'region-a' },
          { ...amsterdamStore('store-b', 'Winkel Bee'), region: 'region-b' },
        ],
        1,
      );
      expect(saved.ok).toBe(true);
      expect((await upsertCatalogue(s, 'store-a', [product('p-a-1', 'Aa-brood')])).ok).toBe(true);
      expect((await upsertCatalogue(s, 'store-b', [product('p-b-1', 'Bee-only kaas')])).ok).toBe(true);
      await s.transaction((tx) =>
        tx.members.upsert([member('M-A', 'store-a', 'Anna Aa'), member('M-B', 'store-b', 'Bertha Bee')]),
      );
      for (const storeId of ['store-a', 'store-b']) {
        const code = await issuePairingCode(s, storeId, NOW);
        if (!code.ok) throw new Error(code.message);
        const paired = await pairTerminal(
          s,
          { code: code.value.code, terminalName: `Kassa ${storeId}` },
          NOW,
        );
        if (!paired.ok) throw new Error(paired.message);
        tokens.set(storeId, { terminalId: paired.value.terminalId, token: paired.value.token });
      }
      app = await quietApp(s, ADMIN, () => NOW);
      url = await app.listen({ port: 0, host: '127.0.0.1' });
    });
    afterEach(async () => {
      for (const a of aborts.splice(0)) a.abort();
      await app.close();
      await s.close();
    });

    const tillA = () => tokens.get('store-a') as { terminalId: string; token: string };
    const asA = (method: 'GET' | 'POST', path: string, payload?: unknown) =>
      app.inject({
        method,
        url: path,
        headers: { authorization: `Bearer ${tillA().token}` },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const leaksB = (text: string) => B_MARKS.filter((m) => text.includes(m));
    const stored = async () => ({
      journal: (await s.journal.linksAt(tillA().terminalId, [1, 2, 3])).length,
      sales: (await s.sales.totals({})).count,
    });

    it("refuses a push that names store B, alone or among A's own events, and stores none of it", async () => {
      const a = tillA();
      const asB = makeSale({ terminalId: a.terminalId, storeId: 'store-b', seq: 1, prevHash: GENESIS_HASH });
      const alone = await asA('POST', syncPaths.push('journal'), pushRows([asB]));
      expect(alone.statusCode).toBe(403);
      expect(alone.json()).toEqual({ error: { type: 'forbidden-store', message: expect.any(String) } });

      const [own1, own2] = saleChain(a.terminalId, 'store-a', 2);
      const smuggled = {
        ...makeSale({ terminalId: a.terminalId, storeId: 'store-b', seq: 2, prevHash: own1!.hash }),
      };
      const mixed = await asA('POST', syncPaths.push('journal'), pushRows([own1!, smuggled]));
      expect(mixed.statusCode).toBe(403);
      expect(mixed.json()).toMatchObject({ error: { type: 'forbidden-store' } });
      // The answers name the event, never anything B holds.
      expect(
        leaksB(alone.body.replace('store-b', '')).concat(leaksB(mixed.body.replace('store-b', ''))),
      ).toEqual([]);
      expect(await stored()).toEqual({ journal: 0, sales: 0 });

      // A's own events still go through afterwards.
      expect((await asA('POST', syncPaths.push('journal'), pushRows([own1!, own2!]))).statusCode).toBe(200);
      expect(await stored()).toEqual({ journal: 2, sales: 2 });
    });

    it('pulls nothing of B from any read model, whatever the query names', async () => {
      for (const collection of READ_MODELS) {
        for (const query of [
          'serverSeq=0&limit=1000',
          'serverSeq=0&limit=1000&storeId=store-b&store=store-b',
        ]) {
          const r = await asA('GET', `${syncPaths.pull(collection)}?${query}`);
          // A query parameter the schema does not know is refused or ignored; never obeyed.
          expect([200, 422]).toContain(r.statusCode);
          expect(leaksB(r.body)).toEqual([]);
        }
      }
      const own = await asA('GET', `${syncPaths.pull('products')}?serverSeq=0&limit=1000`);
      expect((own.json() as { documents: { id: string }[] }).documents.map((d) => d.id)).toEqual(['p-a-1']);
      const status = await asA('GET', `${syncPaths.storeStatus}?storeId=store-b`);
      expect(status.statusCode).toBe(200);
      expect(leaksB(status.body)).toEqual([]);
      const info = await asA('GET', `${syncPaths.terminal}?storeId=store-b`);
      expect(info.json()).toMatchObject({ storeId: 'store-a' });
      expect(leaksB(info.body)).toEqual([]);
    });

    it("streams nothing of B: B's product, store and member changes never reach A's till", async () => {
      const abort = new AbortController();
      aborts.push(abort);
      const res = await fetch(new URL(syncPaths.feedStream, url), {
        headers: { authorization: `Bearer ${tillA().token}`, accept: 'text/event-stream' },
        signal: abort.signal,
      });
      const next = sseReader(res.body as ReadableStream<Uint8Array>);
      expect(await next()).toBe('RESYNC');

      expect((await upsertCatalogue(s, 'store-b', [product('p-b-1', 'Bee-only kaas extra')])).ok).toBe(true);
      expect(
        (
          await saveStores(
            s,
            { ...amsterdamStore('store-b', 'Winkel Bee'), region: 'region-b', name: 'Winkel Bee 2' },
            2,
          )
        ).ok,
      ).toBe(true);
      await s.transaction((tx) => tx.members.upsert([member('M-B', 'store-b', 'Bertha Bee-Jansen')]));
      // Then one change of A's own: it must be the very next message, with nothing of B before it.
      expect((await upsertCatalogue(s, 'store-a', [product('p-a-1', 'Aa-brood vers')])).ok).toBe(true);
      const m = (await next()) as { collection: string; documents: { id: string; name: string }[] };
      expect(m.collection).toBe('products');
      expect(m.documents.map((d) => [d.id, d.name])).toEqual([['p-a-1', 'Aa-brood vers']]);
      expect(leaksB(JSON.stringify(m))).toEqual([]);
    });
  },
);
