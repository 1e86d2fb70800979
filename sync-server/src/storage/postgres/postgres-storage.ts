import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { isReadModelName } from '../../../../core/sync/read-models';
import { migrateToLatest } from '../migrate';
import type { Database as Schema } from '../schema';
import { Storage, type FeedChange } from '../storage';
import { PreparingClient } from './preparing-client';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * BIGINT comes back as a number: every stored value is bounded far below 2^53 (core/journal
 * bounds). NUMERIC too (COUNT and friends); sums that must stay exact are read as text.
 */
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

/**
 * PostgreSQL for a chain: several stateless server instances share one database. Each transaction
 * takes its own pooled connection; the fold locks the terminal's row (FOR UPDATE), so two pushes
 * of one terminal fold one after the other while other terminals fold in parallel.
 */
export class PostgresStorage extends Storage {
  private listener: pg.Client | undefined;
  private closed = false;

  private constructor(
    kysely: Kysely<Schema>,
    readonly pool: pg.Pool,
    /** Read again on every reconnect attempt. */
    private readonly clientConfig: pg.ClientConfig,
    /** Channel of read-model change notifications; each schema has its own. */
    private readonly channel: string,
  ) {
    super(kysely, 'postgres');
  }

  static async open(opts: PostgresOptions): Promise<PostgresStorage> {
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
    const pool = new pg.Pool({ ...clientConfig, max: opts.poolSize ?? 10, Client: PreparingClient });
    const kysely = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    const storage = new PostgresStorage(kysely, pool, clientConfig, `kassa_feed_${opts.schema ?? 'public'}`);
    try {
      await migrateToLatest(kysely as Kysely<unknown>, 'postgres', opts.schema ?? 'public');
      await storage.listen();
    } catch (e) {
      await storage.close();
      throw e;
    }
    return storage;
  }

  /**
   * A read-model change committed by any instance is announced with NOTIFY, and every instance
   * (this one included) hears it on its LISTEN connection and tells its SSE streams.
   */
  protected override async announce(changes: FeedChange[]): Promise<void> {
    if (changes.length === 0) return;
    // One statement for all of a commit's changes (a push touching a member announces two or more).
    await this.pool.query('SELECT pg_notify($1, c) FROM unnest($2::text[]) AS c', [
      this.channel,
      changes.map((c) => JSON.stringify(c)),
    ]);
  }

  /**
   * Opens the LISTEN connection; the first one must succeed (open() fails otherwise). A dropped
   * one is reopened with backoff until this storage closes: a failed attempt (the database still
   * away) is followed by the next, never the end of retries. Streams meanwhile get changes on
   * their next pull.
   */
  private async listen(): Promise<void> {
    this.listener = await this.connectListener();
  }

  private async connectListener(): Promise<pg.Client> {
    const client = new pg.Client(this.clientConfig);
    let live = false;
    const lost = () => {
      if (!live) return; // a failed connect rejects; the caller handles it
      live = false;
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => {});
      if (!this.closed) void this.reconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => {
      if (n.channel !== this.channel || !n.payload) return;
      const change = parseChange(n.payload);
      if (change) this.emitLocal([change]);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (e) {
      // Not awaited: end() of a client whose connect failed may never settle.
      void client.end().catch(() => {});
      throw e;
    }
    live = true;
    return client;
  }

  private reconnecting = false;

  private async reconnect(): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    try {
      let delay = RECONNECT_MIN_MS;
      while (!this.closed) {
        await new Promise<void>((resolve) => setTimeout(resolve, delay).unref());
        if (this.closed) return;
        try {
          const client = await this.connectListener();
          if (this.closed) {
            await client.end().catch(() => {});
            return;
          }
          this.listener = client;
          return;
        } catch {
          delay = Math.min(delay * 2, RECONNECT_MAX_MS);
        }
      }
    } finally {
      this.reconnecting = false;
    }
  }

  override async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => {});
    await super.close();
  }
}

const RECONNECT_MIN_MS = 200;
const RECONNECT_MAX_MS = 10_000;

function parseChange(payload: string): FeedChange | undefined {
  try {
    const c = JSON.parse(payload) as Partial<FeedChange>;
    if (typeof c.collection === 'string' && isReadModelName(c.collection) && typeof c.storeId === 'string') {
      const region = typeof c.region === 'string' || c.region === null ? { region: c.region } : {};
      return { collection: c.collection, storeId: c.storeId, ...region };
    }
  } catch {
    // Not ours: another program on the channel.
  }
  return undefined;
}
