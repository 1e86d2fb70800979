import pg from 'pg';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, type AppliedMigration, type MigrationFile } from '../migrations';
import type { SqlExecutor, SqlValue } from '../sql/sql-executor';
import { SqlStorage, type TxConnection } from '../sql/sql-storage';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** BIGINT and COUNT(*) come back as numbers (all our values are safe integers: ms, cents, seqs). */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

export interface PostgresOptions {
  url: string;
  /** A schema to live in (created if missing): lets tests and tenants share one database. */
  schema?: string;
  poolSize?: number;
}

/** A statement ready for pg: `$1…$n` placeholders and a stable name (prepared once per connection). */
interface PgStatement {
  name: string;
  text: string;
}

/** Rewrites `?` placeholders to `$1…$n` once per statement text, and names it for preparing. */
function placeholders(): (sql: string) => PgStatement {
  const cache = new Map<string, PgStatement>();
  return (sql) => {
    let out = cache.get(sql);
    if (out === undefined) {
      let i = 0;
      out = { name: `k${cache.size + 1}`, text: sql.replace(/\?/g, () => `$${++i}`) };
      cache.set(sql, out);
    }
    return out;
  };
}

const UNPREPARED = /^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/;

function executor(q: pg.Pool | pg.PoolClient, rewrite: (sql: string) => PgStatement): SqlExecutor {
  const query = (sql: string, params: readonly SqlValue[] = []) => {
    const st = rewrite(sql);
    // Named statements are parsed and planned once per connection; transaction control is not.
    return UNPREPARED.test(sql)
      ? q.query(st.text)
      : q.query({ name: st.name, text: st.text, values: params as SqlValue[] });
  };
  return {
    all: async <T>(sql: string, params?: readonly SqlValue[]) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: readonly SqlValue[]) =>
      (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params?: readonly SqlValue[]) => ({
      changes: (await query(sql, params)).rowCount ?? 0,
    }),
  };
}

/**
 * PostgreSQL for a chain: several stateless server instances can share one database. Each
 * transaction takes its own pooled connection; the fold locks the terminal's row (FOR UPDATE) so
 * two pushes of one terminal are folded one after the other.
 */
export class PostgresStorage extends SqlStorage {
  protected readonly beginSql = 'BEGIN';

  private listener: pg.Client | undefined;
  private closed = false;

  private constructor(
    readonly pool: pg.Pool,
    private readonly rewrite: (sql: string) => PgStatement,
    private readonly clientConfig: pg.ClientConfig,
    /** Channel of product-change notifications; each schema has its own. */
    private readonly channel: string,
  ) {
    super(executor(pool, rewrite), 'postgres');
  }

  /**
   * Several stateless instances share one database: a product change committed by any of them is
   * announced with NOTIFY, and every instance (this one included) hears it on its LISTEN
   * connection and tells its SSE streams.
   */
  protected override async announce(storeId: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, storeId]);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client(this.clientConfig);
    client.on('notification', (n) => {
      if (n.channel === this.channel && n.payload) this.emitLocal(n.payload);
    });
    client.on('error', () => {
      // The LISTEN connection dropped: reconnect; streams meanwhile get changes on their next pull.
      this.listener = undefined;
      void client.end().catch(() => {});
      if (!this.closed) setTimeout(() => void this.listen().catch(() => {}), 1_000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.listener = client;
  }

  static async open(opts: PostgresOptions, now: number = Date.now()): Promise<PostgresStorage> {
    if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(opts.schema)) {
      throw new Error(`invalid schema name ${opts.schema}`);
    }
    if (opts.schema) {
      const c = new pg.Client({ connectionString: opts.url });
      await c.connect();
      try {
        await c.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
      } finally {
        await c.end();
      }
    }
    const clientConfig: pg.ClientConfig = {
      connectionString: opts.url,
      types,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    };
    const pool = new pg.Pool({ ...clientConfig, max: opts.poolSize ?? 10 });
    const storage = new PostgresStorage(
      pool,
      placeholders(),
      clientConfig,
      `kassa_products_${opts.schema ?? 'public'}`,
    );
    try {
      await migrate(storage.migrationTarget(), MIGRATIONS_DIR, now);
      await storage.listen();
    } catch (e) {
      await storage.listener?.end();
      await pool.end();
      throw e;
    }
    return storage;
  }

  protected async openTx(): Promise<TxConnection> {
    const client = await this.pool.connect();
    return { exec: executor(client, this.rewrite), release: () => client.release() };
  }

  private migrationTarget() {
    const pool = this.pool;
    return {
      ensureTable: async () => {
        await pool.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
      },
      listApplied: async () =>
        (await pool.query('SELECT version, name, checksum FROM schema_migrations ORDER BY version'))
          .rows as AppliedMigration[],
      apply: async (f: MigrationFile, now: number) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          // Two instances starting together: the second waits, then finds the row and fails cleanly.
          await client.query('SELECT pg_advisory_xact_lock(7461)');
          await client.query(f.sql);
          await client.query(
            'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)',
            [f.version, f.name, f.checksum, now],
          );
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw e;
        } finally {
          client.release();
        }
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end();
    await this.pool.end();
  }
}
