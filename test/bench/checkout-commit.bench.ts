/**
 * Checkout commit: from "complete sale" to the sale event durable in RxDB, in Chromium on real
 * IndexedDB. Ours is what the till does (build + seal the event, one RxDB insert on Dexie with
 * strict durability). Beside it, in the same browser and run: the same write with Chromium's
 * default relaxed durability (what the till must NOT rely on), and bare Dexie puts of an
 * event-sized object (the floor of IndexedDB itself) in both modes.
 */
import type { Page } from 'playwright-core';
import { openBenchPage } from '../e2e/support/bench-page';
import { table, writeSection } from './lib/report';
import { fmt, summarize } from './lib/stats';

const SALES = 400;
const WARMUP = 30;

type Durability = 'strict' | 'relaxed';
interface BenchApi {
  checkoutCommit(d: Durability, n: number, warmup: number): Promise<number[]>;
  bareDexiePut(d: Durability, n: number): Promise<number[]>;
  probeDurability(d: Durability): Promise<string>;
}
const api = (page: Page) => ({
  commit: (d: Durability) =>
    page.evaluate(
      ([d, n, w]) => (window as unknown as { kassaBench: BenchApi }).kassaBench.checkoutCommit(d, n, w),
      [d, SALES, WARMUP] as const,
    ),
  bare: (d: Durability) =>
    page.evaluate(([d, n]) => (window as unknown as { kassaBench: BenchApi }).kassaBench.bareDexiePut(d, n), [
      d,
      SALES,
    ] as const),
  probe: (d: Durability) =>
    page.evaluate((d) => (window as unknown as { kassaBench: BenchApi }).kassaBench.probeDurability(d), d),
});

const bench = await openBenchPage();
try {
  const b = api(bench.page);
  const probed = await b.probe('strict');
  const ours = summarize(await b.commit('strict'));
  const relaxed = summarize(await b.commit('relaxed'));
  const bareStrict = summarize(await b.bare('strict'));
  const bareRelaxed = summarize(await b.bare('relaxed'));

  const row = (name: string, s: { p50: number; p99: number; n: number }, isOurs = false) => [
    name,
    `${fmt(s.p50)} ms`,
    `${fmt(s.p99)} ms`,
    String(s.n),
    isOurs ? '1×' : `${fmt(ours.p50 / s.p50, 1)}× / ${fmt(ours.p99 / s.p99, 1)}×`,
  ];
  const verdict = ours.p99 <= 50 ? 'meets' : 'misses';
  writeSection(
    'checkout-commit',
    `## Checkout commit (complete sale → event durable in RxDB)

Chromium ${bench.page.context().browser()?.version() ?? ''} headless, IndexedDB on this machine's disk, ${SALES} sales of 5 lines
after ${WARMUP} warm-up. Ours: build + hash the sale event and ONE RxDB insert on Dexie with
\`chromeTransactionDurability: 'strict'\` — the insert resolves only after the flush, and the till says "complete" only
then. Probed: RxDB's write transactions report \`IDBTransaction.durability = '${probed}'\`.
p99 **${fmt(ours.p99)} ms** ${verdict} the target of ≤ 50 ms. The last column is ours ÷ theirs at p50 / p99
(how many times longer ours takes).

${table(
  ['write', 'p50', 'p99', 'n', 'ours ÷ theirs (p50 / p99)'],
  [
    row('**ours: RxDB insert, strict durability**', ours, true),
    row('same RxDB insert, relaxed durability (Chromium default)', relaxed),
    row('bare Dexie put, strict durability', bareStrict),
    row('bare Dexie put, relaxed durability', bareRelaxed),
  ],
)}
`,
  );
} finally {
  await bench.close();
}
