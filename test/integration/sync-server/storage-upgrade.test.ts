import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, type SaleEventV1 } from '../../../core/journal/sale-event';
import { exceptionsReport, salesReport } from '../../../sync-server/src/domain/admin-reports';
import { catchUpProjections } from '../../../sync-server/src/domain/projections/catch-up';
import { DEFAULT_FOLD_CONFIG } from '../../../sync-server/src/domain/projections/default-projections';
import { authenticateTerminal } from '../../../sync-server/src/domain/terminal-auth';
import { hashSecret } from '../../../sync-server/src/domain/tokens';
import { PostgresStorage } from '../../../sync-server/src/storage/postgres/postgres-storage';
import { SqliteStorage } from '../../../sync-server/src/storage/sqlite/sqlite-storage';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { freshSchema, startTestPostgres, type TestPostgres } from '../../support/postgres';
import { makeSaleV1 } from './support/sale-events';

/**
 * A database exactly as the LANDED server left it (its hand-written 0001_initial.<dialect>.sql,
 * applied by its own runner, which recorded it in `schema_migrations`), with a store, a paired
 * terminal, two version-1 sales in the journal and their old `sales`/`sale_lines` rows, opened by
 * this server: it adopts the schema, migrates, keeps every journal event and rebuilds the sales
 * projection from them.
 */
interface LegacyDatabase {
  /** One statement; `?` placeholders. */
  run(statement: string, params?: readonly unknown[]): Promise<void>;
  close(): Promise<void>;
}
interface Dialect {
  name: 'sqlite' | 'postgres';
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** A new, empty database of this dialect, opened with its plain driver. */
  create(): Promise<LegacyDatabase>;
  /** The server's storage on the database create() made last. */
  open(): Promise<Storage>;
}

function sqlite(): Dialect {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    async setup() {},
    async teardown() {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
    async create() {
      const dir = mkdtempSync(join(tmpdir(), 'kassa-upgrade-'));
      dirs.push(dir);
      const db = new Database(join(dir, 'kassa.sqlite'));
      return {
        async run(statement, params = []) {
          db.prepare(statement).run(...params);
        },
        async close() {
          db.close();
        },
      };
    },
    open: () => SqliteStorage.open(dirs[dirs.length - 1] as string),
  };
}

function postgres(): Dialect {
  let server: TestPostgres | undefined;
  let schema = '';
  const url = () => (server as TestPostgres).url;
  return {
    name: 'postgres',
    async setup() {
      server = await startTestPostgres();
    },
    async teardown() {
      await server?.stop();
    },
    async create() {
      schema = freshSchema('upgrade');
      const admin = new pg.Client({ connectionString: url() });
      await admin.connect();
      try {
        await admin.query(`CREATE SCHEMA ${schema}`);
      } finally {
        await admin.end();
      }
      const client = new pg.Client({ connectionString: url(), options: `-c search_path=${schema}` });
      await client.connect();
      return {
        async run(statement, params = []) {
          let i = 0;
          await client.query(
            statement.replace(/\?/g, () => `$${++i}`),
            [...params],
          );
        },
        close: () => client.end(),
      };
    },
    open: () => PostgresStorage.open({ url: url(), schema }),
  };
}

/** The landed file's statements, as the old runner ran them (one at a time). */
function legacyStatements(dialect: Dialect['name']): string[] {
  const file = new URL(
    `../../../sync-server/src/storage/migrations/0001_initial.${dialect}.sql`,
    import.meta.url,
  );
  return readFileSync(file, 'utf8')
    .split(/;\s*\n/)
    .map((s) => s.replace(/^--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}

const TOKEN = 'landed-terminal-token';
const store = {
  storeId: 's1',
  name: 'Winkel Eén',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [{ prefix: '21', measure: 'weight' as const, itemDigits: 5 }],
};
const melk = {
  id: 'p-8710000000017',
  code: '8710000000017',
  name: 'Campina Halfvolle melk 1 L',
  priceCents: 129,
  unit: 'each' as const,
  category: 'Zuivel',
  brand: 'Campina',
  tags: ['melk'],
};

interface Legacy {
  sales: SaleEventV1[];
  /** The journal rows exactly as the landed server wrote them. */
  journal: { server_seq: number; body: string; received_at: number; event: SaleEventV1 }[];
}

async function buildLandedDatabase(dialect: Dialect, runnerRows: [number, string][]): Promise<Legacy> {
  const db = await dialect.create();
  try {
    for (const statement of legacyStatements(dialect.name)) await db.run(statement);
    await db.run(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    );
    for (const [version, name] of runnerRows) {
      await db.run(
        'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
        [version, name, 'sha256-of-the-file', 1],
      );
    }
    await db.run(
      'INSERT INTO stores (store_id, name, currency, time_zone, locale, variable_measure, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [
        store.storeId,
        store.name,
        store.currency,
        store.timeZone,
        store.locale,
        JSON.stringify(store.variableMeasure),
        1,
      ],
    );
    await db.run(
      'INSERT INTO terminals (terminal_id, store_id, name, token_hash, paired_at, last_seen_at, contiguous_seq, max_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ['T1', 's1', 'Kassa 1', hashSecret(TOKEN), 2, 3, 2, 2],
    );
    await db.run(
      'INSERT INTO products (store_id, id, code, name, price_cents, unit, category, brand, tags, deleted, server_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        's1',
        melk.id,
        melk.code,
        melk.name,
        melk.priceCents,
        melk.unit,
        melk.category,
        melk.brand,
        '["melk"]',
        0,
        1,
      ],
    );
    await db.run("UPDATE counters SET value = 1 WHERE name = 'product_seq'");
    await db.run(
      'INSERT INTO exceptions (kind, terminal_id, store_id, event_id, seq, message, detail, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ['chain-break', 'T1', 's1', null, 7, 'Terminal T1: a landed finding.', null, 4],
    );

    const first = makeSaleV1({ terminalId: 'T1', storeId: 's1', seq: 1, prevHash: GENESIS_HASH });
    const second = makeSaleV1({ terminalId: 'T1', storeId: 's1', seq: 2, prevHash: first.hash });
    const journal: Legacy['journal'] = [];
    for (const [i, e] of [first, second].entries()) {
      const serverSeq = i + 1; // the landed journal's serverSeq (AUTOINCREMENT / IDENTITY from 1)
      const body = canonicalize(e) as string; // the landed server stored the whole document
      await db.run(
        'INSERT INTO journal (id, type, terminal_id, store_id, seq, hash, prev_hash, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [e.id, e.type, e.terminalId, e.storeId, e.seq, e.hash, e.prevHash, body, 100 + i],
      );
      await db.run(
        'INSERT INTO sales (event_id, server_seq, terminal_id, store_id, seq, business_day, created_at, currency, total_cents, payments, member_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          e.id,
          serverSeq,
          e.terminalId,
          e.storeId,
          e.seq,
          e.businessDay,
          e.createdAt,
          e.currency,
          e.totalCents,
          JSON.stringify(e.payments),
          null,
        ],
      );
      for (const [n, l] of e.lines.entries()) {
        await db.run(
          'INSERT INTO sale_lines (event_id, line_no, line_id, product_id, code, name, quantity, weight_grams, unit_price_cents, amount_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [
            e.id,
            n + 1,
            l.lineId,
            l.productId,
            l.code,
            l.name,
            l.quantity,
            l.weightGrams ?? null,
            l.unitPriceCents,
            l.amountCents,
          ],
        );
      }
      journal.push({ server_seq: serverSeq, body, received_at: 100 + i, event: e });
    }
    return { sales: [first, second], journal };
  } finally {
    await db.close();
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe.each([sqlite(), postgres()])('upgrading the landed database: $name', (dialect: Dialect) => {
  let storage: Storage | undefined;
  beforeAll(() => dialect.setup());
  afterAll(() => dialect.teardown());
  afterEach(async () => {
    await storage?.close();
    storage = undefined;
  });

  it('adopts it, migrates, keeps the journal, store and terminal, and rebuilds the sales from the journal', async () => {
    const legacy = await buildLandedDatabase(dialect, [[1, '0001_initial.sql']]);
    storage = await dialect.open();

    // Every journal event is kept, in the same order, under the same serverSeq.
    const rows = await storage.journal.page(0, 10);
    expect(rows.map((r) => r.server_seq)).toEqual([1, 2]);
    for (const [i, r] of rows.entries()) {
      const { event, body, received_at } = legacy.journal[i]!;
      expect(r).toMatchObject({
        id: event.id,
        type: 'sale',
        schema_version: 1,
        terminal_id: 'T1',
        store_id: 's1',
        seq: event.seq,
        hash: event.hash,
        prev_hash: event.prevHash,
        received_at,
      });
      // The document is kept whole: the body plus its hash column is what the till sent, and
      // the body is exactly what that hash covers (0002 moved `hash` out of the body).
      expect({ ...(JSON.parse(r.body) as object), hash: r.hash }).toEqual(event);
      expect(JSON.parse(body)).toEqual(event);
      expect(sha256(r.body)).toBe(event.hash);
    }
    expect(await storage.journal.count()).toBe(2);

    // The store and the terminal are kept; the store joins the feed after the landed product.
    expect(await storage.stores.get('s1')).toEqual(store);
    expect(await storage.products.pull('s1', 0, 10)).toEqual([{ ...melk, serverSeq: 1, _deleted: false }]);
    const [storeDoc] = await storage.stores.pull('s1', 0, 10);
    expect(storeDoc).toEqual({ ...store, serverSeq: 2, _deleted: false });
    expect(await storage.feed.head()).toBe(2);
    expect(await storage.terminals.findByTokenHash(hashSecret(TOKEN))).toMatchObject({
      terminalId: 'T1',
      storeId: 's1',
      name: 'Kassa 1',
      contiguousSeq: 2,
      maxSeq: 2,
    });
    expect(await authenticateTerminal(storage, TOKEN, 10_000)).toEqual({
      ok: true,
      value: { terminalId: 'T1', storeId: 's1' },
    });

    // The sales projection is rebuilt from the journal (v1 upcast: subtotal = the line sum).
    expect(await catchUpProjections(storage, DEFAULT_FOLD_CONFIG, 10_000)).toBeGreaterThan(0);
    const report = await salesReport(storage, { storeId: 's1' });
    expect(report.totals).toEqual({ count: 2, totalCents: 1008 });
    expect(report.sales.map((s) => s.eventId)).toEqual([legacy.sales[1]!.id, legacy.sales[0]!.id]);
    for (const s of report.sales) {
      expect(s.subtotalCents).toBe(s.lines.reduce((a, l) => a + l.amountCents, 0));
      expect(s).toMatchObject({
        subtotalCents: 504,
        discountCents: 0,
        totalCents: 504,
        memberId: null,
        currency: 'EUR',
      });
      expect(s.lines.map((l) => [l.name, l.amountCents, l.weightGrams, l.discountCents])).toEqual([
        ['Campina Halfvolle melk 1 L', 258, null, 0],
        ['Bananen', 246, 1234, 0],
      ]);
    }
    // Nothing new to report: no fold failure, nothing parked, no gap; the landed finding is kept.
    expect((await exceptionsReport(storage, {})).exceptions).toMatchObject([
      { kind: 'chain-break', seq: 7, message: 'Terminal T1: a landed finding.' },
    ]);
    expect(await storage.terminals.get('T1')).toMatchObject({ contiguousSeq: 2, maxSeq: 2 });

    // A restart migrates and folds nothing again.
    await storage.close();
    storage = await dialect.open();
    expect(await catchUpProjections(storage, DEFAULT_FOLD_CONFIG, 20_000)).toBe(0);
    expect((await salesReport(storage, {})).totals).toEqual({ count: 2, totalCents: 1008 });
    expect(await storage.journal.count()).toBe(2);
    expect(await storage.stores.pull('s1', 0, 10)).toEqual([storeDoc]);
  });

  it('refuses to start when the old runner recorded a migration this server does not know', async () => {
    await buildLandedDatabase(dialect, [
      [1, '0001_initial.sql'],
      [2, '0002_x.sql'],
    ]);
    await expect(dialect.open()).rejects.toThrow(/0002_x\.sql.*Refusing to start/s);
    // Refused without a trace: a second start refuses the same way.
    await expect(dialect.open()).rejects.toThrow(/Refusing to start/);
  });
});
