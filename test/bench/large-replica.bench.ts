/**
 * A large replica (issue 11, fleet benchmark): a real sync server (SQLite) holding 110,000
 * members — 100,000 homed in the demo's Randstad region, 10,000 in Brabant — and 1,000,000 ledger
 * entries (seeded straight into the tables: test/bench/lib/large-replica-seed.ts). Two tills, the
 * production renderer build in headless Chromium on persistent profiles (IndexedDB on disk), each
 * paired through its pairing screen and replicating its region: Amsterdam's 100,000 members (ours)
 * and Eindhoven's 10,000 (the named alternative, same run, same code). Then per till: a cold start
 * (the browser closed and started again on the same profile) timed from navigation to the first
 * sale complete; card scans through the till's own path; the renderer's memory.
 */
import { loadavg } from 'node:os';
import { rmSync } from 'node:fs';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { startTestSyncServer } from '../support/sync-server';
import { loadProducts } from '../integration/sync-server/support/bench-data';
import { benchCard, benchMemberId, seedLargeReplica, SMALL_STORE } from './lib/large-replica-seed';
import { BenchTill, privateRendererCopy, type ColdStart, type Memory } from './lib/large-replica-till';
import { table, writeSection } from './lib/report';
import { fmt, summarize } from './lib/stats';

const REGION_MEMBERS = Number(process.env.BENCH_LARGE_MEMBERS ?? 100_000);
const SMALL_MEMBERS = REGION_MEMBERS / 10;
const LEDGER_ROWS = Number(process.env.BENCH_LARGE_LEDGER ?? 1_000_000);
const SCANS_PER_ROUND = 500;
const ROUNDS = 4;
const COLD_STARTS = 2;
// The issue's targets; scan → screen is the till's own (scan-to-screen.bench.ts), here at 100,000 members.
const TARGET = { coldStartMs: 5_000, lookupP99Ms: 5, scanToScreenP99Ms: 50, memoryMb: 500 };

const n = (x: number) => x.toLocaleString('en-US');
const loadAt = () =>
  loadavg()
    .map((l) => fmt(l, 1))
    .join(' / ');
const LOAD_START = loadAt();

const catalogue = demoCatalogue();
const product = catalogue.find((p) => p.unit === 'each' && p.code.length === 13)!;

let seedState = 7;
const rand = (count: number) => {
  seedState ^= seedState << 13;
  seedState ^= seedState >>> 17;
  seedState ^= seedState << 5;
  return (seedState >>> 0) % count;
};

const server = await startTestSyncServer();
const rendererDir = privateRendererCopy();
const tills: BenchTill[] = [];
try {
  // Eindhoven sells the same catalogue (the demo seeds Amsterdam's only).
  await loadProducts(server, SMALL_STORE, catalogue);
  await server.stop();
  const seed = await seedLargeReplica(server.dataDir, {
    regionMembers: REGION_MEMBERS,
    smallMembers: SMALL_MEMBERS,
    ledgerRows: LEDGER_ROWS,
  });
  await server.restart();
  process.stdout.write(
    `seeded ${n(seed.membersTotal)} members, ${n(seed.ledgerRows)} ledger rows in ${fmt(seed.seconds, 1)} s\n`,
  );

  const big = await BenchTill.create('big', rendererDir);
  const small = await BenchTill.create('small', rendererDir);
  tills.push(big, small);
  // Member i of each till's region: Randstad members are 0…REGION−1, Brabant's follow.
  const pick = (till: BenchTill) =>
    till === big ? rand(REGION_MEMBERS) : REGION_MEMBERS + rand(SMALL_MEMBERS);

  // Initial replication, one till at a time, the renderer's RSS sampled as it goes.
  const replication = new Map<BenchTill, { ms: number; peakRssMb: number }>();
  for (const [till, code, expected] of [
    [small, seed.smallCode, seed.smallExpected],
    [big, seed.bigCode, seed.bigExpected],
  ] as const) {
    await till.launch();
    const t0 = performance.now();
    await till.pair(server.url, code);
    let peak = 0;
    await till.waitReplica(expected, 480_000, () => {
      peak = Math.max(peak, till.rendererRssMb());
    });
    replication.set(till, { ms: performance.now() - t0, peakRssMb: peak });
    process.stdout.write(
      `${till.label}: ${n(expected)} members replicated in ${fmt((performance.now() - t0) / 1000, 1)} s\n`,
    );
    await till.closeBrowser();
  }

  const cold = new Map<BenchTill, ColdStart[]>([
    [big, []],
    [small, []],
  ]);
  for (let k = 0; k < COLD_STARTS; k++) {
    for (const till of [big, small]) {
      const m = pick(till);
      const c = await till.coldStart(benchCard(m), benchMemberId(m), product.code);
      cold.get(till)!.push(c);
      process.stdout.write(`${till.label} cold start ${k + 1}: sale complete ${fmt(c.saleMs)} ms\n`);
    }
  }
  // Both tills now open (the last cold start of each). Warm-up scans: the index must be loaded.
  const scans = new Map<BenchTill, number[]>([
    [big, []],
    [small, []],
  ]);
  const scanMisses = new Map<BenchTill, number>([
    [big, 0],
    [small, 0],
  ]);
  const batch = (till: BenchTill, count: number) => {
    const ms = Array.from({ length: count }, () => pick(till));
    return till.scanCards(ms.map(benchCard), ms.map(benchMemberId));
  };
  for (const till of [big, small]) await batch(till, 50);
  for (let round = 0; round < ROUNDS; round++) {
    for (const till of [big, small]) {
      const r = await batch(till, SCANS_PER_ROUND);
      scans.get(till)!.push(...r.samples);
      scanMisses.set(till, scanMisses.get(till)! + r.misses);
    }
  }
  const memory = new Map<BenchTill, Memory>();
  for (const till of [big, small]) memory.set(till, await till.memory());
  // Last, as it leaves the till's page: the index alone, loaded again from the replica.
  const alone = new Map<BenchTill, Awaited<ReturnType<BenchTill['replicaLookup']>>>();
  for (const till of [big, small]) {
    const ms = Array.from({ length: ROUNDS * SCANS_PER_ROUND }, () => pick(till));
    const r = await till.replicaLookup(ms.map(benchCard), ms.map(benchMemberId));
    if (r.misses > 0) throw new Error(`${till.label}: ${r.misses} look-ups missed: the benchmark is broken`);
    alone.set(till, r);
  }
  const LOAD_END = loadAt();

  const worst = (till: BenchTill, f: keyof ColdStart) => Math.max(...cold.get(till)!.map((c) => c[f]));
  const look = (till: BenchTill) => summarize(scans.get(till)!);
  const aloneP99 = (till: BenchTill) => summarize(alone.get(till)!.samples).p99;
  const verdict = (ok: boolean) => (ok ? 'meets' : '**misses**');
  const bigCold = worst(big, 'saleMs');
  const bigLook = look(big);
  const bigMem = Math.max(memory.get(big)!.rendererRssMb, replication.get(big)!.peakRssMb);
  const coldRow = (till: BenchTill, f: keyof ColdStart) =>
    cold
      .get(till)!
      .map((c) => fmt(c[f] / 1000, 2))
      .join(' / ') + ' s';
  const mb = (x: number) => `${fmt(x, 0)} MB`;

  writeSection(
    'large-replica',
    `## A large replica: ${n(REGION_MEMBERS)} members at the till, ${n(seed.ledgerRows)} ledger entries on the server

Real sync server (SQLite, test/support/sync-server.ts) with the demo seeded, then ${n(seed.membersTotal)} members
written straight into its tables (${n(REGION_MEMBERS)} homed at the two stores of the demo's Randstad region, ${n(SMALL_MEMBERS)} at
Eindhoven in Brabant; a card each, a second for one in ten, phone hash, visits and counters) and ${n(seed.ledgerRows)}
ledger entries over them (each member's balance their sum): seeding, not the subject, ${fmt(seed.seconds, 1)} s.
Two tills, the production renderer build in headless Chromium on a persistent profile (IndexedDB on disk), each
paired through its pairing screen: **ours** an Amsterdam till, whose replica is its region's ${n(seed.bigExpected)} members;
the alternative an Eindhoven till, ${n(seed.smallExpected)} members — same code, same run.

- **Cold start to the first sale**: the browser closed and started again on the same profile (its start, not the till's
  work, is shown apart), timed from \`page.goto\` to the receipt of the first sale on screen: the checkout screen,
  a member's card scanned and that member shown (while the replica still loads into the member index, a card is
  decided as soon as its member is in, or the server, asked at once, found them: before that change the scan waited
  for the whole index, and a cold start of the 100,000-member till took 4.0–4.4 s to show the last member by id,
  1.1 s after it), one product scanned, cash, "complete sale" —
  the receipt shows only after the sale is durable in IndexedDB. ${COLD_STARTS} cold starts per till, random members; the figure is the slowest.
- **Card look-up**: ${n(ROUNDS * SCANS_PER_ROUND)} card scans per till (${ROUNDS} interleaved rounds, after 50 warm-up), random members of its
  region, through the till's own path in its page: a wedge scanner's keydown events → \`useWedgeScanner\` → scan
  classification → \`members.scanned\` → \`identifyCard\` on the in-memory member index → React; timed from the
  scan's last key (Enter) to the DOM showing that member (MutationObserver; paint excluded). The member is taken
  off the sale between scans (not timed). Chromium coarsens \`performance.now()\` to 0.1 ms.
- **Renderer memory**: the till renderer process's resident set (\`/proc/<pid>/status\` VmRSS, the largest renderer
  under that browser), sampled during the initial replication (peak) and after the scans; and V8's heap by CDP
  \`Performance.getMetrics\` (\`performance.measureUserAgentSpecificMemory\` needs cross-origin isolation, which the
  till page does not have). The figure against the target is the larger RSS; a forced garbage collection after the scans shows what
  the page holds (V8 collects lazily).

The member index's start-up load (renderer/src/features/members/follow-members.ts) reads the replica's Dexie
table in getAll pages; it went through RxDB \`find()\` before, which walks an IndexedDB cursor one document per
request and rebuilds each document field by field, and whose documents stayed in RxDB's document cache: the same
benchmark before that change (load 25 / 25 / 18) measured, for the 100,028-member till, a cold start of 29.6 s (the
index loaded in 16.9 s), 675 MB renderer RSS after the scans with 298 MB of V8 heap (now the rows below).
A scan that "did not show its member" looks like a burst the wedge detector split: the keydown events are
dispatched by script, each stamped when it is made, so a pause of the page's main thread over 50 ms between two of
them (GC, or this machine's load) reads as a person typing; some of them show a check-digit message for the burst's
tail, others nothing (not investigated further). They are left out of the samples and counted.

Load average at start: ${LOAD_START}, at end: ${LOAD_END} (2 cores shared with other work; every figure is slower for it).

| what | target | **ours: ${n(seed.bigExpected)} members** | alternative: ${n(seed.smallExpected)} members | verdict (ours) |
| --- | --- | --- | --- | --- |
| cold start → first sale complete (slowest) | ≤ ${fmt(TARGET.coldStartMs / 1000)} s | **${fmt(bigCold / 1000, 2)} s** | ${fmt(worst(small, 'saleMs') / 1000, 2)} s | ${verdict(bigCold <= TARGET.coldStartMs)} |
| card look-up (identifyCard on the index), p99 | ≤ ${TARGET.lookupP99Ms} ms | **${fmt(aloneP99(big), 1)} ms** | ${fmt(aloneP99(small), 1)} ms | ${verdict(aloneP99(big) <= TARGET.lookupP99Ms)} |
| card scan → member on screen, p99 | < ${TARGET.scanToScreenP99Ms} ms | **${fmt(bigLook.p99, 1)} ms** | ${fmt(look(small).p99, 1)} ms | ${verdict(bigLook.p99 < TARGET.scanToScreenP99Ms)} |
| renderer RSS (max of replication peak, after scans) | ≤ ${TARGET.memoryMb} MB | **${mb(bigMem)}** | ${mb(Math.max(memory.get(small)!.rendererRssMb, replication.get(small)!.peakRssMb))} | ${verdict(bigMem <= TARGET.memoryMb)} |

Detail (each cold start in order; p50 and n of the scans; memory parts):

${table(
  ['what', `ours: ${n(seed.bigExpected)}`, `alternative: ${n(seed.smallExpected)}`],
  [
    ['cold start: browser process start (not counted)', coldRow(big, 'launchMs'), coldRow(small, 'launchMs')],
    ['cold start: checkout screen shown', coldRow(big, 'screenMs'), coldRow(small, 'screenMs')],
    ['cold start: scanned member shown', coldRow(big, 'memberMs'), coldRow(small, 'memberMs')],
    ['cold start: first sale complete', coldRow(big, 'saleMs'), coldRow(small, 'saleMs')],
    [
      'card scan → member shown: p50 / p99 (n)',
      `${fmt(bigLook.p50, 1)} / ${fmt(bigLook.p99, 1)} ms (${n(bigLook.n)})`,
      `${fmt(look(small).p50, 1)} / ${fmt(look(small).p99, 1)} ms (${n(look(small).n)})`,
    ],
    [
      'card look-up alone (identifyCard on the index): p50 / p99 (n); batch mean',
      ...[big, small].map((t) => {
        const a = alone.get(t)!;
        const q = summarize(a.samples);
        return `${fmt(q.p50, 1)} / ${fmt(q.p99, 1)} ms (${n(q.n)}); ${fmt(a.batchUs, 2)} µs`;
      }),
    ],
    [
      'member index loaded from the replica: followMembers, pages of 2,000 read by getAll (ours)',
      ...[big, small].map(
        (t) => `${fmt(alone.get(t)!.loadMs / 1000, 2)} s (${n(alone.get(t)!.size)} members)`,
      ),
    ],
    [
      'the same load through RxDB find() (the path before; cursor per document)',
      ...[big, small].map((t) => `${fmt(alone.get(t)!.rxdbLoadMs / 1000, 2)} s`),
    ],
    [
      'card scans that did not show their member within 5 s',
      ...[big, small].map((t) => n(scanMisses.get(t)!)),
    ],
    [
      'initial replication (pairing → all members in IndexedDB)',
      `${fmt(replication.get(big)!.ms / 1000, 1)} s`,
      `${fmt(replication.get(small)!.ms / 1000, 1)} s`,
    ],
    [
      'renderer RSS: peak during replication / after scans',
      `${mb(replication.get(big)!.peakRssMb)} / ${mb(memory.get(big)!.rendererRssMb)}`,
      `${mb(replication.get(small)!.peakRssMb)} / ${mb(memory.get(small)!.rendererRssMb)}`,
    ],
    [
      'V8 heap used / total after scans',
      `${mb(memory.get(big)!.jsHeapUsedMb)} / ${mb(memory.get(big)!.jsHeapTotalMb)}`,
      `${mb(memory.get(small)!.jsHeapUsedMb)} / ${mb(memory.get(small)!.jsHeapTotalMb)}`,
    ],
    [
      'after a forced garbage collection: V8 heap used / renderer RSS',
      ...[big, small].map(
        (t) => `${mb(memory.get(t)!.afterGc.jsHeapUsedMb)} / ${mb(memory.get(t)!.afterGc.rendererRssMb)}`,
      ),
    ],
  ],
)}
`,
  );
} finally {
  for (const t of tills) await t.close();
  await server.close();
  rmSync(rendererDir, { recursive: true, force: true });
}
