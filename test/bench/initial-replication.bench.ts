/**
 * Initial replication of 100,000 products to a fresh terminal: the till's own replication code
 * (renderer/src/sync/replication.ts: RxDB replicateRxCollection, Node, memory storage) against the Kassa server, until the catalogue is complete and a barcode
 * lookup answers; beside PouchDB's initial replication of the same documents from express-pouchdb.
 * Target ≤ 20 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_PULL_LIMIT } from '../../core/sync/protocol';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { seedDemo } from '../../sync-server/src/demo/seed-demo';
import { startSyncServer } from '../../sync-server/src/start';
import { loadProducts, manyProducts, pairWith } from '../integration/sync-server/support/bench-data';
import { PouchDB, startPouchServer, terminalPouch } from '../integration/sync-server/support/pouch';
import { openNodeTill } from '../integration/till-sync/support/node-till';
import { table, writeSection } from './lib/report';
import { fmt, ratio } from './lib/stats';

/** Other processes on this 2-core machine change the figures; the section says how busy it was. */
const LOAD_AT_START = loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ');
const PRODUCTS = 100_000;
const BATCH = MAX_PULL_LIMIT;

const dir = mkdtempSync(join(tmpdir(), 'kassa-bench-initial-'));
const server = await startSyncServer({ dataDir: dir, port: 0, logLevel: 'silent' });
const pouchServer = await startPouchServer();
try {
  const demo = demoCatalogue();
  const { storeId, pairingCode } = await seedDemo({ url: server.url, adminToken: server.adminToken });
  const products = manyProducts(PRODUCTS - demo.length);
  await loadProducts(server, storeId, products);
  const all = [...demo, ...products];
  const serverDb = pouchServer.db('products');
  for (let i = 0; i < all.length; i += 10_000) {
    await serverDb.bulkDocs(all.slice(i, i + 10_000).map((p) => ({ _id: p.id, ...p })));
  }
  const till = await pairWith(server.url, pairingCode);
  const lastCode = all[all.length - 1]?.code as string;

  // Ours: the till's live replication (every read model pulled, the feed stream, the journal
  // push), as a freshly paired till runs it.
  let t0 = 0;
  const ours = await openNodeTill(server, till, {
    pullBatchSize: BATCH,
    beforeStart: async () => void (t0 = performance.now()),
  });
  await ours.replication.readModels.products?.awaitInitialReplication();
  const found = await ours.db.products.findOne({ selector: { code: lastCode } }).exec();
  const oursMs = performance.now() - t0;
  const count = await ours.db.products.count().exec();
  if (count !== PRODUCTS || !found) throw new Error(`RxDB replica has ${count} products`);
  await ours.close();

  // PouchDB: initial replication of the same documents, same batch size.
  const local = terminalPouch();
  const t1 = performance.now();
  const r = await PouchDB.replicate(`${pouchServer.url}/products`, local, { batch_size: BATCH });
  const pouchMs = performance.now() - t1;
  if (r.docs_written !== PRODUCTS) throw new Error(`PouchDB wrote ${r.docs_written}`);

  writeSection(
    'initial-replication',
    `## Initial replication of ${PRODUCTS.toLocaleString('en-US')} products to a fresh terminal

The till's replication code (renderer/src/sync/replication.ts: RxDB ${'`replicateRxCollection`'}, Node, memory storage,
the till's database, pull batch ${BATCH}, feed stream open, each page validated with the shared zod schema) from the Kassa server (SQLite), timed until the replica is
complete and a barcode lookup of the last product answers — beside PouchDB 9 (memory adapter) replicating the same
documents from express-pouchdb (LevelDB), batch ${BATCH}. Target ≤ 20 s.

Machine load average when this benchmark started: ${LOAD_AT_START} (2 cores; other work on the machine slows every figure, the ratios less).

${table(
  ['what', 'ours (RxDB ← Kassa server)', 'PouchDB ← express-pouchdb', 'ratio (higher is better)'],
  [
    [
      `initial replication, ${PRODUCTS.toLocaleString('en-US')} products`,
      `${fmt(oursMs / 1000, 1)} s`,
      `${fmt(pouchMs / 1000, 1)} s`,
      ratio(pouchMs, oursMs),
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
process.exit(0);
