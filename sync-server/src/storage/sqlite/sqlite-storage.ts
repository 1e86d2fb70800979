import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
} from 'kysely';
import { migrateToLatest } from '../migrate';
import type { Database as Schema } from '../schema';
import { Storage, StorageTx, type FeedChange } from '../storage';
import { GroupCommit } from './group-commit';

/**
 * The embedded default: one SQLite file under the data directory, WAL mode. better-sqlite3 is
 * synchronous, so one connection serves everything; Kysely's driver queues every query behind
 * the open transaction (they wait for it instead of seeing half of it).
 */
export class SqliteStorage extends Storage {
  private constructor(
    kysely: Kysely<Schema>,
    readonly sqlite: Database.Database,
  ) {
    super(kysely, 'sqlite');
  }

  /** A transaction's feed changes, announced once the group it committed in is on disk. */
  private readonly group = new GroupCommit<Map<string, FeedChange>>(this.kysely, async (touched) => {
    if (touched.size > 0) await this.announce([...touched.values()]);
  });

  /** Committed with the transactions queued beside it (group-commit.ts): one fsync for all. */
  override transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T> {
    return this.group.run((trx, touched) => fn(new StorageTx(trx, this.dialect, touched)), new Map());
  }

  static async open(dataDir: string): Promise<SqliteStorage> {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(join(dataDir, 'kassa.sqlite'));
    db.pragma('journal_mode = WAL');
    // FULL: a push is answered only after its batch is on disk (one fsync per batch, not per event).
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Up to 128 MiB of pages (allocated as used; SQLite's default is 2 MiB). With 2 MiB the
    // indexes a push writes (ledger, journal, members) did not stay in memory: every statement read
    // pages back from the OS and a large group spilled dirty pages into the WAL before its COMMIT.
    // Fleet benchmark, 500 tills, same hour: CPU a push 3.4 -> 2.4 ms, ack p99 72-143 -> 27-38 ms.
    db.pragma(`cache_size = -${128 * 1024}`);
    const kysely = new Kysely<Schema>({ dialect: new KassaSqliteDialect(db) });
    try {
      await migrateToLatest(kysely as Kysely<unknown>, 'sqlite');
    } catch (e) {
      await kysely.destroy();
      throw e;
    }
    return new SqliteStorage(kysely, db);
  }
}

/**
 * Kysely's SQLite dialect with three changes:
 * - prepared statements are cached by SQL text (Kysely prepares on every call; on the fold's hot
 *   path that alone cost more than the statements);
 * - transactions BEGIN IMMEDIATE, so a transaction that reads then writes never fails with
 *   SQLITE_BUSY halfway when another process (the CLI) writes too — it waits up to busy_timeout;
 * - migrations run in a transaction (SQLite's DDL is transactional; Kysely assumes it is not).
 */
class KassaSqliteDialect extends SqliteDialect {
  constructor(db: Database.Database) {
    const statements = new Map<string, Database.Statement>();
    const cached = {
      close: () => db.close(),
      prepare: (sql: string) => {
        let st = statements.get(sql);
        if (st === undefined) {
          st = db.prepare(sql);
          if (statements.size > 2_000) statements.clear();
          statements.set(sql, st);
        }
        return st;
      },
    };
    super({ database: cached as unknown as Database.Database });
    this.config = { database: cached as unknown as Database.Database };
  }

  private readonly config: ConstructorParameters<typeof SqliteDriver>[0];

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
