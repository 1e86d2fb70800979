/**
 * Barcode lookup in a 100,000-product replica, in Chromium on real IndexedDB: what the till does
 * on every scan — its in-memory code index fed by the RxDB replica (renderer/src/db/
 * catalogue-index.ts) — beside RxDB `products.findOne({selector: {code}})` on the Dexie storage
 * and a bare Dexie `where('code').equals(code).first()`, on the same products in the same run.
 */
import { openBenchPage } from '../e2e/support/bench-page';
import { table, writeSection } from './lib/report';
import { fmt, summarize } from './lib/stats';

const PRODUCTS = 100_000;
const LOOKUPS = 2_000;
const WARMUP = 100;
const SETTLE_MS = 10_000;

type Which = 'index' | 'rxdb' | 'dexie';
interface BenchApi {
  loadCatalogue(count: number): Promise<{ rxMs: number; dexieMs: number; indexMs: number }>;
  dropCatalogue(): Promise<void>;
  lookup(which: Which, count: number, lookups: number): Promise<{ samples: number[]; misses: number }>;
}

const bench = await openBenchPage();
try {
  const { page } = bench;
  const load = await page.evaluate(
    (n) => (window as unknown as { kassaBench: BenchApi }).kassaBench.loadCatalogue(n),
    PRODUCTS,
  );
  // Let IndexedDB's LevelDB finish compacting after the bulk load, as it has on a till that
  // replicated its catalogue minutes before the first customer.
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const lookup = async (which: Which) => {
    await page.evaluate(
      ([w, n, l]) => (window as unknown as { kassaBench: BenchApi }).kassaBench.lookup(w, n, l),
      [which, PRODUCTS, WARMUP] as const,
    );
    return page.evaluate(
      ([w, n, l]) => (window as unknown as { kassaBench: BenchApi }).kassaBench.lookup(w, n, l),
      [which, PRODUCTS, LOOKUPS] as const,
    );
  };
  // Interleaved rounds, so no side gets a warmer cache or a quieter machine.
  const samples: Record<Which, number[]> = { index: [], rxdb: [], dexie: [] };
  let misses = 0;
  for (let round = 0; round < 2; round++) {
    for (const which of ['index', 'rxdb', 'dexie'] as const) {
      const r = await lookup(which);
      samples[which].push(...r.samples);
      misses += r.misses;
    }
  }
  await page.evaluate(() => (window as unknown as { kassaBench: BenchApi }).kassaBench.dropCatalogue());
  if (misses > 0) throw new Error(`${misses} lookups found nothing: the benchmark is broken`);
  const ours = summarize(samples.index);
  const rx = summarize(samples.rxdb);
  const bare = summarize(samples.dexie);
  // Ours is often below the timer's resolution, so the ratio is theirs ÷ ours at p99 with ours
  // floored at that resolution: "at least N× faster".
  const floor = (ms: number) => Math.max(ms, 0.1);
  const row = (name: string, s: { p50: number; p99: number; n: number }) => [
    name,
    `${fmt(s.p50, 3)} ms`,
    `${fmt(s.p99, 3)} ms`,
    String(s.n),
    `≥ ${fmt(s.p99 / floor(ours.p99), 1)}×`,
  ];
  const verdict = ours.p99 <= 5 ? 'meets' : 'misses';
  writeSection(
    'barcode-lookup',
    `## Barcode lookup in a ${PRODUCTS.toLocaleString('en-US')}-product replica

Chromium headless, IndexedDB on disk. ${(2 * LOOKUPS).toLocaleString('en-US')} lookups of random codes (all present) per side,
after ${WARMUP} warm-up, interleaved. Ours: the till's in-memory code index, loaded from the RxDB replica at start
(${fmt(load.indexMs / 1000, 1)} s for ${PRODUCTS.toLocaleString('en-US')} products; lookups go to RxDB until then) and kept
current from RxDB's change stream. p99 **${fmt(ours.p99, 3)} ms** ${verdict} the target of ≤ 5 ms. Chromium coarsens
\`performance.now()\` to 0.1 ms, so sub-0.1 ms figures read as 0. Loading the replica took ${fmt(load.rxMs / 1000, 1)} s
through RxDB bulkInsert (strict durability), ${fmt(load.dexieMs / 1000, 1)} s as bare Dexie bulkPut.

${table(
  ['lookup', 'p50', 'p99', 'n', 'theirs ÷ ours (p99)'],
  [
    [
      '**ours: in-memory index over the RxDB replica**',
      `${fmt(ours.p50, 3)} ms`,
      `${fmt(ours.p99, 3)} ms`,
      String(ours.n),
      '—',
    ],
    row('RxDB findOne by code (Dexie storage, index on code)', rx),
    row("bare Dexie where('code').equals().first()", bare),
  ],
)}
`,
  );
} finally {
  await bench.close();
}
