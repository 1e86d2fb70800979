import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, type AppliedMigration, type MigrationFile } from '../migrations';
import type { SqlExecutor, SqlValue } from '../sql/sql-executor';
import { SqlStorage, type TxConnection } from '../sql/sql-storage';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * The embedded default: one SQLite file under the data directory, WAL mode. better-sqlite3 is
 * synchronous, so one connection serves everything; a mutex keeps statements of other requests
 * out of an open transaction (they wait for it to finish instead of seeing half of it).
 */
export class SqliteStorage extends SqlStorage {
  protected readonly beginSql = 'BEGIN IMMEDIATE';

  private constructor(
    readonly db: Database.Database,
    private readonly gate: TxGate,
    private readonly direct: SqlExecutor,
  ) {
    super(guardedBy(gate, direct), 'sqlite');
  }

  static async open(dataDir: string, now: number = Date.now()): Promise<SqliteStorage> {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(join(dataDir, 'kassa.sqlite'));
    db.pragma('journal_mode = WAL');
    // FULL: a push is answered only after its batch is on disk (one fsync per batch, not per event).
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const storage = new SqliteStorage(db, new TxGate(), directExecutor(db));
    try {
      await migrate(storage.migrationTarget(), MIGRATIONS_DIR, now);
    } catch (e) {
      db.close();
      throw e;
    }
    return storage;
  }

  protected async openTx(): Promise<TxConnection> {
    const release = await this.gate.acquire();
    return { exec: this.direct, release };
  }

  private migrationTarget() {
    const db = this.db;
    return {
      ensureTable: async () => {
        db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
      },
      listApplied: async () =>
        db
          .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
          .all() as AppliedMigration[],
      apply: async (f: MigrationFile, now: number) => {
        db.transaction(() => {
          db.exec(f.sql);
          db.prepare(
            'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
          ).run(f.version, f.name, f.checksum, now);
        })();
      },
    };
  }

  async close(): Promise<void> {
    await this.gate.idle();
    this.db.close();
  }
}

/** Transactions take turns on the one connection; plain statements wait for the open one. */
class TxGate {
  private tail: Promise<void> = Promise.resolve();
  private open = false;

  async acquire(): Promise<() => void> {
    const previous = this.tail;
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.tail = previous.then(() => mine);
    await previous;
    this.open = true;
    return () => {
      this.open = false;
      release();
    };
  }

  async idle(): Promise<void> {
    while (this.open) await this.tail;
  }
}

function directExecutor(db: Database.Database): SqlExecutor {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let st = statements.get(sql);
    if (!st) {
      st = db.prepare(sql);
      statements.set(sql, st);
    }
    return st;
  };
  return {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => prepare(sql).all(...params) as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      prepare(sql).get(...params) as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []) => ({
      changes: prepare(sql).run(...params).changes,
    }),
  };
}

function guardedBy(gate: TxGate, direct: SqlExecutor): SqlExecutor {
  return {
    all: async (sql, params) => (await gate.idle(), direct.all(sql, params)),
    get: async (sql, params) => (await gate.idle(), direct.get(sql, params)),
    run: async (sql, params) => (await gate.idle(), direct.run(sql, params)),
  };
}
