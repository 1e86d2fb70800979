import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StoreSettings } from '../../../core/store/store-settings';
import { syncPaths } from '../../../core/sync/protocol';
import { seedDemo, type SeedDemoResult } from '../../../sync-server/src/demo/seed-demo';
import { saleChain } from '../sync-server/support/sale-events';
import { ServerProcess } from '../sync-server/support/server-process';
import { Admin } from './support/admin';
import { openNodeTill, type NodeTill, type TransportWrapper } from './support/node-till';

/**
 * The till's own replication code (renderer/src/sync/replication.ts, RxDB memory storage)
 * against the real server process: every read model pulled by checkpoint and kept live over ONE
 * feed stream per till, and a till never sees another store's rows.
 */
const LIVE = { timeout: 15_000, interval: 50 };

let dataDir: string;
let server: ServerProcess;
let admin: Admin;
let seeded: SeedDemoResult;
const tills: NodeTill[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kassa-till-feed-'));
  server = await ServerProcess.start(dataDir);
  seeded = await seedDemo({ url: server.url, adminToken: server.adminToken });
  admin = new Admin(server);
});
// RxDB's open core allows 13 open collections in a process, and a till has 6: close each test's.
afterEach(async () => {
  for (const t of tills.splice(0)) await t.close();
});
afterAll(async () => {
  await server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Resolves once the till's feed stream has answered (headers in): it is listening from then on. */
function streamOpened(): { wrap: TransportWrapper; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((ok) => (open = ok));
  const wrap: TransportWrapper = (inner) => async (input, init) => {
    const res = await inner(input, init);
    if (new URL(String(input)).pathname === syncPaths.feedStream && res.ok) open();
    return res;
  };
  return { wrap, opened };
}

async function openTill(storeId: string, wrap?: TransportWrapper, pushBatchSize?: number): Promise<NodeTill> {
  const till = await openNodeTill(server, await admin.pair(storeId), {
    ...(wrap ? { wrap } : {}),
    ...(pushBatchSize ? { pushBatchSize } : {}),
  });
  tills.push(till);
  const { products, stores } = till.replication.readModels;
  await Promise.all([products!.awaitInitialReplication(), stores!.awaitInitialReplication()]);
  return till;
}

/** Waits until the till has pulled whatever the stream's connect RESYNC asked for. */
async function settled(till: NodeTill): Promise<void> {
  await new Promise((r) => setTimeout(r, 300));
  const { products, stores } = till.replication.readModels;
  await Promise.all([products!.awaitInSync(), stores!.awaitInSync()]);
}

/**
 * Holds back every push answer (after the server has committed the push) until `release()`;
 * `held()` resolves once the first answer is held.
 */
function pushAnswersHeld(): {
  wrap: TransportWrapper;
  held: Promise<void>;
  release(): void;
  count(): number;
} {
  let holding!: () => void;
  const held = new Promise<void>((ok) => (holding = ok));
  let release!: () => void;
  const released = new Promise<void>((ok) => (release = ok));
  let count = 0;
  const wrap: TransportWrapper = (inner) => async (input, init) => {
    const res = await inner(input, init);
    if (new URL(String(input)).pathname !== syncPaths.push('journal')) return res;
    count++;
    holding();
    await released;
    return res;
  };
  return { wrap, held, release, count: () => count };
}

const pulls = (till: NodeTill) => till.requests.filter((p) => p.endsWith('/pull')).length;

describe('read models at the till', () => {
  it('pulls the catalogue and its store, then takes a price change and a rename live over one stream', async () => {
    const stream = streamOpened();
    const till = await openTill(seeded.storeId, stream.wrap);
    expect(await till.db.products.count().exec()).toBe(seeded.products);
    const stores = (await till.db.stores.find().exec()).map((d) => d.toJSON());
    expect(stores).toEqual([
      expect.objectContaining({ storeId: seeded.storeId, name: 'Kassa Demo Amsterdam' }),
    ]);
    const milk = await till.db.products.findOne({ selector: { code: '8710000000017' } }).exec();
    expect(milk?.priceCents).toBe(129);

    await stream.opened;
    await settled(till);
    const pullsBefore = pulls(till);

    const { serverSeq: _seq, ...milkInput } = milk!.toJSON();
    await admin.putProducts(seeded.storeId, [{ ...milkInput, priceCents: 99 }]);
    const store = stores[0] as StoreSettings & { serverSeq: number };
    const { serverSeq: storeSeq, ...settings } = store;
    await admin.saveStore({ ...settings, name: 'Kassa Demo Amsterdam Centrum', currency: 'EUR' });

    await expect
      .poll(async () => (await till.db.products.findOne(milk!.id).exec())?.priceCents, LIVE)
      .toBe(99);
    await expect
      .poll(async () => (await till.db.stores.findOne(seeded.storeId).exec())?.name, LIVE)
      .toBe('Kassa Demo Amsterdam Centrum');
    expect((await till.db.stores.findOne(seeded.storeId).exec())!.serverSeq).toBeGreaterThan(storeSeq);
    expect((await till.db.products.findOne(milk!.id).exec())!.serverSeq).toBeGreaterThan(milk!.serverSeq);

    // Both came over the stream, not by pulling again; and there is one stream, the feed.
    expect(pulls(till)).toBe(pullsBefore);
    expect(till.streamConnections()).toBe(1);
    expect(till.requests).toContain(syncPaths.feedStream);
    expect(till.requests).not.toContain(syncPaths.stream('products'));
    expect(till.status.get().problem).toBeNull();
  });

  it("never gives a till another store's rows, by pull or by stream", async () => {
    const rotterdam: StoreSettings = {
      storeId: 'store-rdam',
      name: 'Kassa Rotterdam',
      currency: 'EUR',
      timeZone: 'Europe/Amsterdam',
      locale: 'nl-NL',
      variableMeasure: [],
    };
    await admin.saveStore(rotterdam);
    const rdamProducts = [1, 2, 3].map((i) => ({
      id: `rdam-${i}`,
      code: `871999000000${i}`,
      name: `Rotterdams product ${i}`,
      priceCents: 100 + i,
      unit: 'each',
      category: 'bakery',
      brand: 'Rotterdam',
      tags: [],
    }));
    await admin.putProducts(rotterdam.storeId, rdamProducts);

    const streamA = streamOpened();
    const streamB = streamOpened();
    const tillA = await openTill(seeded.storeId, streamA.wrap);
    const tillB = await openTill(rotterdam.storeId, streamB.wrap);
    const receivedByA: Record<string, unknown>[] = [];
    tillA.replication.readModels.products!.received$.subscribe((d) => receivedByA.push(d));
    tillA.replication.readModels.stores!.received$.subscribe((d) => receivedByA.push(d));

    // By pull: each till holds its own store and catalogue only.
    expect((await tillA.db.stores.find().exec()).map((d) => d.storeId)).toEqual([seeded.storeId]);
    expect((await tillB.db.stores.find().exec()).map((d) => d.storeId)).toEqual([rotterdam.storeId]);
    expect(await tillA.db.products.count().exec()).toBe(seeded.products);
    expect((await tillB.db.products.find().exec()).map((d) => d.id).sort()).toEqual([
      'rdam-1',
      'rdam-2',
      'rdam-3',
    ]);

    // By stream: store B changes while till A listens; then store A changes (the marker). The
    // stream is in serverSeq order, so anything of B's would have reached A before the marker.
    await Promise.all([streamA.opened, streamB.opened]);
    await Promise.all([settled(tillA), settled(tillB)]);
    await admin.putProducts(rotterdam.storeId, [{ ...rdamProducts[0], priceCents: 250 }]);
    await admin.saveStore({ ...rotterdam, name: 'Kassa Rotterdam Zuid' });
    await expect
      .poll(async () => (await tillB.db.products.findOne('rdam-1').exec())?.priceCents, LIVE)
      .toBe(250);
    await expect
      .poll(async () => (await tillB.db.stores.findOne(rotterdam.storeId).exec())?.name, LIVE)
      .toBe('Kassa Rotterdam Zuid');

    const marker = (await tillA.db.products
      .findOne({ selector: { code: '8710000000017' } })
      .exec())!.toJSON();
    const { serverSeq: _s, ...markerInput } = marker;
    await admin.putProducts(seeded.storeId, [{ ...markerInput, priceCents: marker.priceCents + 1 }]);
    await expect.poll(() => receivedByA.some((d) => d.id === marker.id), LIVE).toBe(true);

    expect(
      receivedByA.filter((d) => d.storeId === rotterdam.storeId || String(d.id).startsWith('rdam-')),
    ).toEqual([]);
    expect(await tillA.db.products.find({ selector: { id: { $regex: '^rdam-' } } }).exec()).toEqual([]);
    expect((await tillA.db.stores.find().exec()).map((d) => d.storeId)).toEqual([seeded.storeId]);
    expect((await tillB.db.products.find().exec()).map((d) => d.id).sort()).toEqual([
      'rdam-1',
      'rdam-2',
      'rdam-3',
    ]);
    expect((await tillB.db.stores.find().exec()).map((d) => d.storeId)).toEqual([rotterdam.storeId]);
    expect([tillA.streamConnections(), tillB.streamConnections()]).toEqual([1, 1]);
  });

  it('takes HQ changes over the stream while a push waits for its answer, and loses neither', async () => {
    const stream = streamOpened();
    const push = pushAnswersHeld();
    const till = await openTill(seeded.storeId, (inner) => push.wrap(stream.wrap(inner)), 10);
    await stream.opened;
    await settled(till);

    // 30 sales in batches of 10: the server stores the first batch, its answer is held back.
    await till.db.journal.bulkInsert(saleChain(till.terminalId, till.storeId, 30));
    await push.held;

    // HQ changes a price and the store's name while that push is in flight.
    const milk = (await till.db.products.findOne({ selector: { code: '8710000000017' } }).exec())!;
    const { serverSeq: _seq, ...milkInput } = milk.toJSON();
    await admin.putProducts(seeded.storeId, [{ ...milkInput, priceCents: milk.priceCents + 10 }]);
    const store = (await till.db.stores.findOne(seeded.storeId).exec())!.toJSON();
    const { serverSeq: _storeSeq, ...settings } = store as StoreSettings & { serverSeq: number };
    const renamed = `${settings.name} (tijdens push)`;
    await admin.saveStore({ ...settings, name: renamed });

    // Both arrive while the push answer is still held: the stream does not wait for the push.
    const priceAtTill = async () => (await till.db.products.findOne(milk.id).exec())?.priceCents;
    const nameAtTill = async () => (await till.db.stores.findOne(seeded.storeId).exec())?.name;
    await expect.poll(priceAtTill, LIVE).toBe(milk.priceCents + 10);
    await expect.poll(nameAtTill, LIVE).toBe(renamed);
    expect(till.status.get().ackSeq).toBe(0);
    // The held push was committed at the server: only its answer is on hold.
    expect((await admin.sales(till.terminalId)).totals.count).toBeGreaterThanOrEqual(10);
    expect(push.count()).toBeGreaterThanOrEqual(1);

    push.release();
    const journal = till.replication.journal!;
    await expect.poll(() => till.status.get().ackSeq, LIVE).toBe(30);
    await journal.awaitInSync();
    await settled(till);

    // No lost update: the replica still holds HQ's changes once the push is answered.
    expect(await priceAtTill()).toBe(milk.priceCents + 10);
    expect(await nameAtTill()).toBe(renamed);
    // Every sale stored once at the server, acknowledged, none refused.
    const sales = await admin.sales(till.terminalId);
    expect(sales.totals.count).toBe(30);
    expect(new Set(sales.sales.map((s) => s.eventId)).size).toBe(30);
    expect(await admin.exceptions(till.terminalId)).toEqual([]);
    expect(await admin.terminal(till.terminalId)).toMatchObject({ lastSeq: 30, contiguousSeq: 30, gaps: [] });
    expect(await till.db.refusals.count().exec()).toBe(0);
    expect(till.status.get().refused).toEqual([]);
    expect(till.status.get().problem).toBeNull();
    expect(till.streamConnections()).toBe(1);
  });
});
