/**
 * Sync: 10,000 journal events pushed and 100,000 products pulled, terminal ↔ server, with the
 * till's own replication code (renderer/src/sync/replication.ts on RxDB's replicateRxCollection,
 * Node, memory storage) against our server (SQLite on disk), beside
 * PouchDB (memory adapter) replicating identical documents with express-pouchdb (LevelDB on disk),
 * both servers on 127.0.0.1 in this process. Targets: push ≥ 1×, pull ≥ 2× PouchDB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../../sync-server/src/demo/seed-demo';
import { startSyncServer } from '../../sync-server/src/start';
import { loadProducts, manyProducts, pairWith } from '../integration/sync-server/support/bench-data';
import { PouchDB, startPouchServer, terminalPouch } from '../integration/sync-server/support/pouch';
import { openNodeTill } from '../integration/till-sync/support/node-till';
import { saleChain } from '../integration/sync-server/support/sale-events';
import { table, writeSection } from './lib/report';
import { fmt, ratio } from './lib/stats';

/** Other processes on this 2-core machine change the figures; the section says how busy it was. */
const LOAD_AT_START = loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ');
const EVENTS = 10_000;
const PRODUCTS = 100_000;
const PUSH_BATCH = 100;
const PULL_BATCH = 1_000;

const dir = mkdtempSync(join(tmpdir(), 'kassa-bench-sync-'));
const server = await startSyncServer({ dataDir: dir, port: 0, logLevel: 'silent' });
const pouchServer = await startPouchServer();
try {
  const { storeId, pairingCode } = await seedDemo({ url: server.url, adminToken: server.adminToken });
  const till = await pairWith(server.url, pairingCode);
  const events = saleChain(till.terminalId, till.storeId, EVENTS);
  const products = manyProducts(PRODUCTS - (await countDemo()));

  // --- push: ours
  // The push starts with the replication, so the till is opened (push only) on a filled journal:
  // its database is written first, then the replication started and timed.
  let t0 = 0;
  const pushTill = await openNodeTill(server, till, {
    readModels: [],
    pushBatchSize: PUSH_BATCH,
    beforeStart: async (db) => {
      await db.journal.bulkInsert(events);
      t0 = performance.now();
    },
  });
  await pushTill.replication.journal?.awaitInitialReplication();
  await pushTill.replication.journal?.awaitInSync();
  const oursPushMs = performance.now() - t0;
  await pushTill.close();

  // --- push: PouchDB
  const pouchLocal = terminalPouch();
  await pouchLocal.bulkDocs(events.map((e) => ({ _id: e.id, ...e })));
  t0 = performance.now();
  const pushed = await PouchDB.replicate(pouchLocal, `${pouchServer.url}/journal`, {
    batch_size: PUSH_BATCH,
  });
  const pouchPushMs = performance.now() - t0;
  if (pushed.docs_written !== EVENTS) throw new Error(`PouchDB pushed ${pushed.docs_written}`);

  // --- pull: load the same 100,000 products into both servers (not timed)
  await loadProducts(server, storeId, products);
  const serverProducts = pouchServer.db('products');
  const all = [...(await demoDocs()), ...products];
  for (let i = 0; i < all.length; i += 10_000) {
    await serverProducts.bulkDocs(all.slice(i, i + 10_000).map((p) => ({ _id: p.id, ...p })));
  }

  // --- pull: ours
  const pullTill = await openNodeTill(server, till, {
    readModels: ['products'],
    push: false,
    live: false,
    pullBatchSize: PULL_BATCH,
    beforeStart: async () => void (t0 = performance.now()),
  });
  await pullTill.replication.readModels.products?.awaitInitialReplication();
  const oursPullMs = performance.now() - t0;
  const pulledOurs = await pullTill.db.products.count().exec();
  await pullTill.close();

  // --- pull: PouchDB
  const pouchFresh = terminalPouch();
  t0 = performance.now();
  const pulled = await PouchDB.replicate(`${pouchServer.url}/products`, pouchFresh, {
    batch_size: PULL_BATCH,
  });
  const pouchPullMs = performance.now() - t0;

  const rate = (n: number, ms: number) => `${fmt((n / ms) * 1000, 0)} docs/s (${fmt(ms / 1000, 1)} s)`;
  writeSection(
    'sync-vs-pouchdb',
    `## Sync: RxDB ↔ Kassa server vs PouchDB ↔ express-pouchdb

Terminal side: the till's replication code (renderer/src/sync/replication.ts on RxDB ${'`replicateRxCollection`'}) with memory storage (Node) against the Kassa sync server (Fastify,
SQLite on disk, zod validation and bearer auth on every call; the client also validates every pulled page with the
shared zod schema) — beside PouchDB 9 (memory adapter) replicating identical documents with express-pouchdb 4.2
(PouchDB on LevelDB on disk). Same machine, both servers on 127.0.0.1 in one process. Push batch ${PUSH_BATCH}, pull
batch ${PULL_BATCH}. Targets: push ≥ 1×, pull ≥ 2× PouchDB.

Machine load average when this benchmark started: ${LOAD_AT_START} (2 cores; other work on the machine slows every figure, the ratios less).

${table(
  ['what', 'ours (RxDB → Kassa server)', 'PouchDB → express-pouchdb', 'ratio (higher is better)'],
  [
    [
      `push ${EVENTS.toLocaleString('en-US')} journal events`,
      rate(EVENTS, oursPushMs),
      rate(pushed.docs_written, pouchPushMs),
      ratio(pouchPushMs, oursPushMs),
    ],
    [
      `pull ${PRODUCTS.toLocaleString('en-US')} products`,
      rate(pulledOurs, oursPullMs),
      rate(pulled.docs_written, pouchPullMs),
      ratio(pouchPullMs, oursPullMs),
    ],
  ],
)}
`,
  );
} finally {
  await server.close();
  await pouchServer.close();
  rmSync(dir, { recursive: true, force: true });
}

async function countDemo(): Promise<number> {
  return (await demoDocs()).length;
}
async function demoDocs() {
  const { demoCatalogue } = await import('../../sync-server/src/demo/demo-catalogue');
  return demoCatalogue();
}
process.exit(0);
