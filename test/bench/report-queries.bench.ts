/**
 * Back-office reports (issue 10) over a large server: SALES sales (one or two tender rows each,
 * a ledger row per member sale and one per points payment, an exception per 1,000 sales, half of
 * them open) and MEMBERS members in STORES stores (with a tier history: each member's first tier and
 * one move in three)
 * over DAYS days, generated straight into the tables with bulk multi-row inserts — not through the
 * push path (that is the fold benchmarks' subject; here only the read side is measured). Then every
 * report over a 30-day range, for one store and for the chain, median of 3 runs. Target: ≤ 2 s per
 * report on SQLite. The alternative, in the same run: the sales and tenders figures computed by
 * loading the range's rows into JavaScript and summing there.
 * BENCH_REPORT_SALES=100000 runs a smaller server. BENCH_REPORT_KEEP=<dir> keeps the generated SQLite
 * database in <dir> and reuses it on the next run (for iterating on the queries; a kept database
 * skips generation, and a migration it already ran does not run again — committed figures come from
 * a run without it).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { REPORT_NAMES } from '../../core/backoffice/api';
import { runReport } from '../../sync-server/src/domain/reports';
import { insertRows } from '../../sync-server/src/storage/repos/raw-insert';
import { chunksFor } from '../../sync-server/src/storage/repos/chunks';
import { PostgresStorage } from '../../sync-server/src/storage/postgres/postgres-storage';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite/sqlite-storage';
import type { Storage } from '../../sync-server/src/storage/storage';
import { freshSchema, startTestPostgres } from '../support/postgres';
import { table, writeSection } from './lib/report';
import { fmt, ratio } from './lib/stats';

const SALES = Number(process.env.BENCH_REPORT_SALES ?? 1_000_000);
const MEMBERS = SALES / 10;
const STORES = 10;
const DAYS = 100;
const FIRST_DAY = Date.UTC(2026, 7, 1);
const dayOf = (d: number) => new Date(FIRST_DAY + d * 86_400_000).toISOString().slice(0, 10);
const FROM = dayOf(50);
const TO = dayOf(79);
const store = (i: number) => `s${i}`;
const LOAD_AT_START = loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ');

type Row = (string | number | null)[];
async function bulk(s: Storage, tableName: string, columns: readonly string[], rows: Row[]) {
  for (const chunk of chunksFor(rows, columns.length))
    await insertRows(s.db, s.dialect, tableName, columns, chunk);
}

/** A deterministic server: sale i is in store i % STORES on day floor(i / (SALES / DAYS)). */
async function generate(s: Storage): Promise<number> {
  const t0 = performance.now();
  await s.transaction(async (tx) => {
    for (let i = 0; i < STORES; i++) {
      await tx.stores.upsert(
        {
          storeId: store(i),
          name: `Store ${i}`,
          currency: 'EUR',
          timeZone: 'Europe/Amsterdam',
          locale: 'nl-NL',
          variableMeasure: [],
        },
        1,
      );
    }
  });
  const tiers = ['bronze', 'silver', 'gold', null];
  const memberCols = [
    'member_id',
    'home_store_id',
    'full_name',
    'display_name',
    'tier',
    'segments',
    'enrolled_at',
    'opted_in',
    'balance',
    'pending_points',
    'lifetime_earned',
    'applied_through',
    'counters',
    'server_seq',
  ];
  const PAGE = 50_000;
  for (let from = 0; from < MEMBERS; from += PAGE) {
    const rows: Row[] = [];
    for (let m = from; m < Math.min(MEMBERS, from + PAGE); m++) {
      rows.push([
        `M${m}`,
        store(m % STORES),
        `Member ${m}`,
        `M ${m}`,
        tiers[m % 4]!,
        '[]',
        FIRST_DAY + (m % DAYS) * 86_400_000,
        1,
        100,
        0,
        100,
        '{}',
        '{}',
        1,
      ]);
    }
    await s.transaction((tx) => bulk(tx as unknown as Storage, 'members', memberCols, rows));
  }
  // The tier history: each member's first tier at enrolment, and for one in three of the bronze and
  // silver members a move 37 days later (bronze up to silver, silver down to bronze), so the
  // movements report counts real rows.
  const tierCols = [
    'id',
    'member_id',
    'store_id',
    'from_tier',
    'to_tier',
    'from_rank',
    'to_rank',
    'changed_at',
    'business_day',
    'source',
  ];
  const rank = (t: string | null) => (t === null ? null : tiers.indexOf(t));
  for (let from = 0; from < MEMBERS; from += PAGE) {
    const rows: Row[] = [];
    for (let m = from; m < Math.min(MEMBERS, from + PAGE); m++) {
      const first = tiers[m % 4]!;
      const enrolled = m % DAYS;
      const change = (id: string, day: number, a: string | null, b: string | null, source: string): Row => [
        id,
        `M${m}`,
        store(m % STORES),
        a,
        b,
        rank(a),
        rank(b),
        FIRST_DAY + day * 86_400_000 + 3_600_000,
        dayOf(day),
        source,
      ];
      if (first !== null) rows.push(change(`tc${m}a`, enrolled, null, first, 'member-import'));
      if (m % 3 === 0 && first !== null && first !== 'gold') {
        const to = first === 'bronze' ? 'silver' : 'bronze';
        rows.push(change(`tc${m}b`, (enrolled + 37) % DAYS, first, to, 'tier-job'));
      }
    }
    await s.transaction((tx) => bulk(tx as unknown as Storage, 'tier_changes', tierCols, rows));
  }
  const saleCols = [
    'server_seq',
    'event_id',
    'terminal_id',
    'store_id',
    'seq',
    'business_day',
    'created_at',
    'currency',
    'subtotal_cents',
    'discount_cents',
    'total_cents',
    'payments',
    'member_id',
    'received_at',
  ];
  const tenderCols = ['server_seq', 'idx', 'store_id', 'business_day', 'tender', 'cents', 'points'];
  const ledgerCols = [
    'entry_id',
    'member_id',
    'server_seq',
    'terminal_id',
    'store_id',
    'seq',
    'account',
    'unit',
    'amount',
    'program_id',
    'program_version',
    'rule_id',
    'text',
    'created_at',
    'status',
  ];
  const perDay = SALES / DAYS;
  for (let from = 0; from < SALES; from += PAGE) {
    const sales: Row[] = [];
    const tenders: Row[] = [];
    const ledger: Row[] = [];
    for (let i = from; i < Math.min(SALES, from + PAGE); i++) {
      const st = store(i % STORES);
      const d = Math.floor(i / perDay);
      const createdAt = FIRST_DAY + d * 86_400_000 + 8 * 3_600_000 + (i % 36_000) * 1000;
      const total = 100 + (i % 5_000);
      const member = i % 10 < 7 ? `M${i % MEMBERS}` : null;
      const points = member && i % 10 === 0 ? Math.min(total, 50) : 0;
      const late = i % 20 === 0 ? 3_600_000 : 2_000;
      sales.push([
        i + 1,
        `e${i}`,
        `T${i % 40}`,
        st,
        i,
        dayOf(d),
        createdAt,
        'EUR',
        total + (i % 3),
        i % 3,
        total,
        '[]',
        member,
        createdAt + late,
      ]);
      if (points > 0) tenders.push([i + 1, 0, st, dayOf(d), 'points', points, points]);
      tenders.push([i + 1, points > 0 ? 1 : 0, st, dayOf(d), i % 2 ? 'card' : 'cash', total - points, 0]);
      if (member) {
        ledger.push([
          `l${i}`,
          member,
          i + 1,
          `T${i % 40}`,
          st,
          i,
          'points',
          'points',
          Math.floor(total / 100),
          'p',
          1,
          'base',
          'earn',
          createdAt,
          'posted',
        ]);
        if (points > 0)
          ledger.push([
            `s${i}`,
            member,
            i + 1,
            `T${i % 40}`,
            st,
            i,
            'points',
            'points',
            -points,
            'kassa-spend',
            1,
            'points-tender',
            'spend',
            createdAt,
            'posted',
          ]);
      }
    }
    await s.transaction(async (tx) => {
      await bulk(tx as unknown as Storage, 'sales', saleCols, sales);
      await bulk(tx as unknown as Storage, 'sale_tenders', tenderCols, tenders);
      await bulk(tx as unknown as Storage, 'ledger_entries', ledgerCols, ledger);
    });
  }
  // One exception per 1,000 sales, every other one resolved, each naming its sale's event (and that
  // event's journal row, which the under-exception figure of every report reads).
  const named: Row[] = [];
  const journal: Row[] = [];
  for (let i = 0; i < SALES; i += 1_000) {
    const d = Math.floor(i / perDay);
    const terminal = `T${i % 40}`;
    journal.push([i + 1, `e${i}`, 'sale', 1, terminal, store(i % STORES), i, '', '', '{}', 0]);
    named.push([
      'overdraft',
      terminal,
      store(i % STORES),
      `e${i}`,
      i,
      'bench',
      FIRST_DAY + d * 86_400_000,
      (i / 1_000) % 2 ? 'resolved' : 'open',
      dayOf(d),
      10,
      100,
    ]);
  }
  await s.transaction(async (tx) => {
    // PostgreSQL's journal seq is an identity column: given here, to match the sale's.
    const override = s.dialect === 'postgres' ? sql`OVERRIDING SYSTEM VALUE` : sql``;
    for (const chunk of chunksFor(journal, 11)) {
      await sql`INSERT INTO journal (server_seq, id, type, schema_version, terminal_id, store_id, seq, hash,
        prev_hash, body, received_at) ${override} VALUES ${sql.join(chunk.map((r) => sql`(${sql.join(r)})`))}`.execute(
        tx.db,
      );
    }
    const exceptionCols = [
      'kind',
      'terminal_id',
      'store_id',
      'event_id',
      'seq',
      'message',
      'detected_at',
      'status',
      'business_day',
      'points_at_stake',
      'cents_at_stake',
    ];
    await bulk(tx as unknown as Storage, 'exceptions', exceptionCols, named);
    await sql`INSERT INTO exception_events (exception_id, terminal_id, event_id)
      SELECT id, terminal_id, event_id FROM exceptions`.execute(tx.db);
  });
  // Fresh statistics, as a long-running server has them.
  await sql`ANALYZE`.execute(s.db);
  return (performance.now() - t0) / 1000;
}

async function median3(fn: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[1]!;
}

/** The alternative: the range's rows loaded into JavaScript and summed there. */
async function inJavaScript(s: Storage, storeIds: string[] | undefined) {
  let q = s.db
    .selectFrom('sales')
    .select(['business_day', 'total_cents', 'discount_cents', 'server_seq'])
    .where('business_day', '>=', FROM)
    .where('business_day', '<=', TO);
  if (storeIds) q = q.where('store_id', 'in', storeIds);
  const byDay = new Map<string, { n: number; total: number; discounts: number }>();
  for (const r of await q.execute()) {
    const f = byDay.get(r.business_day) ?? { n: 0, total: 0, discounts: 0 };
    f.n++;
    f.total += Number(r.total_cents);
    f.discounts += Number(r.discount_cents);
    byDay.set(r.business_day, f);
  }
  let t = s.db
    .selectFrom('sale_tenders')
    .select(['tender', 'cents'])
    .where('business_day', '>=', FROM)
    .where('business_day', '<=', TO);
  if (storeIds) t = t.where('store_id', 'in', storeIds);
  const byTender = new Map<string, number>();
  for (const r of await t.execute()) byTender.set(r.tender, (byTender.get(r.tender) ?? 0) + Number(r.cents));
  return { byDay, byTender };
}

interface Measured {
  generateS: number;
  reports: { name: string; one: number; chain: number }[];
  alternative: { ours: number; theirs: number; oursChain: number; theirsChain: number };
}

async function measure(s: Storage, generated = false): Promise<Measured> {
  const generateS = generated ? NaN : await generate(s);
  const reports: Measured['reports'] = [];
  for (const name of REPORT_NAMES) {
    const run = (storeIds?: string[]) => async () => {
      const r = await runReport(s, name, { ...(storeIds ? { storeIds } : {}), from: FROM, to: TO });
      if (!r.ok) throw new Error(r.message);
    };
    reports.push({ name, one: await median3(run([store(3)])), chain: await median3(run()) });
  }
  const both = (storeIds?: string[]) => async () => {
    for (const name of ['sales', 'tenders'])
      await runReport(s, name, { ...(storeIds ? { storeIds } : {}), from: FROM, to: TO });
  };
  const alternative = {
    ours: await median3(both([store(3)])),
    theirs: await median3(() => inJavaScript(s, [store(3)])),
    oursChain: await median3(both()),
    theirsChain: await median3(() => inJavaScript(s, undefined)),
  };
  await s.close();
  return { generateS, reports, alternative };
}

const keep = process.env.BENCH_REPORT_KEEP;
const dir = keep ?? mkdtempSync(join(tmpdir(), 'kassa-bench-reports-'));
const kept = keep !== undefined && existsSync(join(keep, 'kassa.sqlite'));
let sqlite: Measured;
try {
  sqlite = await measure(await SqliteStorage.open(dir), kept);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
const pg = await startTestPostgres();
let postgres: Measured;
try {
  postgres = await measure(await PostgresStorage.open({ url: pg.url, schema: freshSchema('benchreports') }));
} finally {
  await pg.stop();
}
const LOAD_AT_END = loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ');
const ms = (n: number) => `${fmt(n, 0)} ms`;
const slowest = Math.max(...sqlite.reports.flatMap((r) => [r.one, r.chain]));
const verdict =
  slowest <= 2000
    ? `**every report meets the target** (slowest ${ms(slowest)})`
    : `**misses the target**: slowest ${ms(slowest)}`;
const n = (x: number) => x.toLocaleString('en-US');

writeSection(
  'report-queries',
  `## Back-office reports (SQLite, PostgreSQL)

${n(SALES)} sales in ${STORES} stores over ${DAYS} days (${n(SALES / DAYS / STORES)} per store per day), each with one tender row (two
when 10% of member sales pay part with points), a ledger row per member sale (70%) and one per points payment, and
${n(MEMBERS)} members (each with their first tier in the tier history, and one bronze or silver member in three
moving a step 37 days later), and an exception naming one sale in 1,000 (half of them resolved; the open ones' sales are
every report's "under exception" figure), generated straight into the tables with bulk multi-row inserts —
**not through the push path** (folding is the fold benchmarks' subject; this measures the read side). No sale
lines. Generation took ${kept ? 'no time on SQLite (a kept database, BENCH_REPORT_KEEP)' : `${fmt(sqlite.generateS, 0)} s on SQLite`} and ${fmt(postgres.generateS, 0)} s on PostgreSQL (throwaway cluster, fsync=off).
Every report over the 30 days ${FROM} … ${TO}, for one store (${n((SALES / DAYS / STORES) * 30)} sales) and for the chain (${n((SALES / DAYS) * 30)}),
median of 3 runs. Target: ≤ 2 s per report on SQLite: ${verdict}.
The alternative in the same run: the sales and tenders figures computed by loading the range's sale and tender
rows into JavaScript and summing there, beside the same two reports as database aggregates.
Machine load average at start: ${LOAD_AT_START}, at end: ${LOAD_AT_END} (2 cores shared with other work).

${table(
  ['report', 'SQLite, one store', 'SQLite, chain', 'PostgreSQL, one store', 'PostgreSQL, chain'],
  sqlite.reports.map((r, i) => [
    r.name,
    ms(r.one),
    ms(r.chain),
    ms(postgres.reports[i]!.one),
    ms(postgres.reports[i]!.chain),
  ]),
)}

${table(
  ['what', 'ours (aggregates)', 'alternative (rows into JavaScript)', 'ratio (time, ours / theirs)'],
  [
    [
      'SQLite, one store: sales + tenders',
      ms(sqlite.alternative.ours),
      ms(sqlite.alternative.theirs),
      ratio(sqlite.alternative.ours, sqlite.alternative.theirs),
    ],
    [
      'SQLite, chain: sales + tenders',
      ms(sqlite.alternative.oursChain),
      ms(sqlite.alternative.theirsChain),
      ratio(sqlite.alternative.oursChain, sqlite.alternative.theirsChain),
    ],
    [
      'PostgreSQL, one store: sales + tenders',
      ms(postgres.alternative.ours),
      ms(postgres.alternative.theirs),
      ratio(postgres.alternative.ours, postgres.alternative.theirs),
    ],
    [
      'PostgreSQL, chain: sales + tenders',
      ms(postgres.alternative.oursChain),
      ms(postgres.alternative.theirsChain),
      ratio(postgres.alternative.oursChain, postgres.alternative.theirsChain),
    ],
  ],
)}`,
);
