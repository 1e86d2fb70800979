import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPaths } from '../../../core/sync/protocol';
import { createKassaDatabase } from '../../../renderer/src/db/database';
import {
  createQuarantineStore,
  type QuarantineState,
  type QuarantineStorage,
} from '../../../renderer/src/sync/quarantine';
import { startReplication } from '../../../renderer/src/sync/replication';
import { createSyncStatusStore } from '../../../renderer/src/sync/sync-status';
import { Admin } from './support/admin';
import { CHAOS_STORE } from './support/chaos-store';
import { openNodeTill, type TransportWrapper } from './support/node-till';
import { ServerOn, STORAGE_KINDS } from './support/server-on';

/**
 * Issue 11, "Real processes, real faults" 9: a pulled document that fails the till's schema —
 * one product of the real server's answer given a negative price on its way, as a newer or
 * broken server would send it — is quarantined by the till's real pull
 * (renderer/src/sync/replication.ts) and shown, and every row after it lands: one bad product
 * no longer holds back the catalogue. It is not skipped silently: a fixed version from HQ lands
 * and clears it, and a new app version pulls the collection again from before it.
 */
const ROWS = 50;
const BAD = 'q-25';
const LIVE = { timeout: 20_000, interval: 100 };

const product = (i: number, priceCents = 100 + i) => ({
  id: `q-${i}`,
  code: `q${String(i).padStart(6, '0')}`,
  name: `Artikel ${i}`,
  priceCents,
  unit: 'each' as const,
  category: 'test',
  brand: 'Kassa',
  tags: [],
});

/** Gives BAD a negative price in every pull answer while `broken`; records what was asked. */
function corrupting() {
  const state = { broken: true, badSeq: 0, asked: [] as number[] };
  const wrap: TransportWrapper = (inner) => async (input, init) => {
    const url = new URL(String(input));
    const res = await inner(input, init);
    if (url.pathname !== syncPaths.pull('products') || !res.ok) return res;
    state.asked.push(Number(url.searchParams.get('serverSeq')));
    const page = (await res.json()) as { documents: { id: string; priceCents: number; serverSeq: number }[] };
    for (const d of page.documents) {
      if (d.id !== BAD) continue;
      state.badSeq = d.serverSeq;
      if (state.broken) d.priceCents = -5;
    }
    return new Response(JSON.stringify(page), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { wrap, state };
}

describe.each(STORAGE_KINDS)('a pulled document that fails the schema (%s)', (kind) => {
  let server: ServerOn;
  let admin: Admin;
  beforeAll(async () => {
    server = await ServerOn.start(kind);
    admin = new Admin(server);
    await admin.saveStore(CHAOS_STORE);
    await admin.putProducts(
      CHAOS_STORE.storeId,
      Array.from({ length: ROWS }, (_, i) => product(i)),
    );
  }, 60_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('is quarantined and shown, every row after it lands, and a fixed version from HQ clears it', async () => {
    const { wrap, state } = corrupting();
    const till = await openNodeTill(server, await admin.pair(CHAOS_STORE.storeId), {
      wrap,
      readModels: ['products'],
      push: false,
      pullBatchSize: 10,
    });
    try {
      await expect.poll(() => till.db.products.count().exec(), LIVE).toBe(ROWS - 1);
      expect(await till.db.products.findOne(BAD).exec()).toBeNull();
      expect(till.status.get()).toMatchObject({ quarantined: 1, problem: null, online: true });
      const [entry] = till.replication.quarantine.entries();
      expect(entry).toMatchObject({ collection: 'products', id: BAD, serverSeq: state.badSeq });
      expect(entry?.reason).toMatch(/priceCents/);
      expect(entry?.fromServerSeq).toBeLessThan(state.badSeq);

      // Price changes after the bad row reach the till (the checkpoint moved past it).
      await admin.putProducts(CHAOS_STORE.storeId, [product(40, 4_000)]);
      await expect
        .poll(async () => (await till.db.products.findOne('q-40').exec())?.priceCents, LIVE)
        .toBe(4_000);
      expect(till.status.get().quarantined).toBe(1);

      // HQ fixes it: a new version arrives, lands, and its quarantine entry goes.
      state.broken = false;
      await admin.putProducts(CHAOS_STORE.storeId, [product(25, 2_500)]);
      await expect
        .poll(async () => (await till.db.products.findOne(BAD).exec())?.priceCents, LIVE)
        .toBe(2_500);
      await expect.poll(() => till.status.get().quarantined, LIVE).toBe(0);
      expect(till.replication.quarantine.entries()).toEqual([]);
      expect(await till.db.products.count().exec()).toBe(ROWS);
    } finally {
      await till.close();
    }
  });

  it('is pulled again from before it after the app version changes, and lands if that build reads it', async () => {
    const { wrap, state } = corrupting();
    const paired = await admin.pair(CHAOS_STORE.storeId);
    const db = await createKassaDatabase(`quar-${kind}-${Date.now()}`, 'relaxed', getRxStorageMemory());
    let saved: QuarantineState | undefined;
    const storage: QuarantineStorage = { load: () => saved, save: (s) => (saved = structuredClone(s)) };
    const pullOnce = async (appVersion: string) => {
      const status = createSyncStatusStore();
      const replication = startReplication({
        db,
        endpoint: { serverUrl: server.url, token: paired.token },
        terminalId: paired.terminalId,
        status,
        fetch: wrap(fetch),
        readModels: ['products'],
        push: false,
        live: false,
        pullBatchSize: 10,
        quarantine: createQuarantineStore({ appVersion, storage }),
      });
      await replication.readModels.products?.awaitInitialReplication();
      await replication.stop();
      return status.get();
    };
    try {
      expect((await pullOnce('1.0.0')).quarantined).toBe(1);
      expect(await db.products.findOne(BAD).exec()).toBeNull();
      expect(saved?.entries.map((e) => e.id)).toEqual([BAD]);

      // The same build, HQ unchanged: the checkpoint is past it, so it is not asked again.
      state.broken = false;
      state.asked.length = 0;
      expect((await pullOnce('1.0.0')).quarantined).toBe(1);
      expect(Math.min(...state.asked)).toBeGreaterThanOrEqual(state.badSeq);
      expect(await db.products.findOne(BAD).exec()).toBeNull();

      // A new build (here: one the document no longer fails) pulls again from before it.
      state.asked.length = 0;
      expect((await pullOnce('1.1.0')).quarantined).toBe(0);
      expect(Math.min(...state.asked)).toBeLessThan(state.badSeq);
      expect((await db.products.findOne(BAD).exec())?.priceCents).toBeGreaterThan(0);
      expect(saved).toMatchObject({ appVersion: '1.1.0', entries: [], rewind: {} });
    } finally {
      await db.close();
    }
  });
});
