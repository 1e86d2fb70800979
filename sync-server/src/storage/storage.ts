import { sql, type Kysely, type Transaction } from 'kysely';
import type { ReadModelName } from '../../../core/sync/read-models';
import { ExceptionsRepo } from './repos/exceptions';
import { FeedRepo } from './repos/feed-counter';
import { FoldFailuresRepo, ParkedRepo } from './repos/fold-state';
import { GiftCardsRepo } from './repos/gift-cards';
import { CursorsRepo } from './repos/cursors';
import { JournalRepo } from './repos/journal';
import { LedgerRepo } from './repos/ledger';
import { MembersRepo } from './repos/members';
import { PairingRepo } from './repos/pairing';
import { ProductsRepo } from './repos/products';
import { ProgramsRepo } from './repos/programs';
import { RewardsRepo } from './repos/rewards';
import { SalesRepo } from './repos/sales';
import { ServerSecretsRepo } from './repos/server-secrets';
import { StoresRepo } from './repos/stores';
import { TerminalsRepo } from './repos/terminals';
import type { Database } from './schema';

/**
 * The storage port: per-aggregate repositories over one Kysely instance, written once for both
 * dialects (storage/sqlite, storage/postgres only open the connection and fan changes out). A
 * transaction hands out the same repositories bound to it. One contract suite
 * (test/integration/sync-server/storage-contract.test.ts) runs against both.
 */
export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database> | Transaction<Database>;

/** A read model of a store changed; the feed stream re-pulls from its cursor. */
export interface FeedChange {
  collection: ReadModelName;
  storeId: string;
  /** On a `stores` change: the store's region now (the feed's store → region map follows it). */
  region?: string | null;
}
type Touch = (change: FeedChange) => void;

export class Repos {
  readonly stores: StoresRepo;
  readonly pairing: PairingRepo;
  readonly terminals: TerminalsRepo;
  readonly journal: JournalRepo;
  readonly cursors: CursorsRepo;
  readonly sales: SalesRepo;
  readonly exceptions: ExceptionsRepo;
  readonly parked: ParkedRepo;
  readonly foldFailures: FoldFailuresRepo;
  readonly products: ProductsRepo;
  readonly feed: FeedRepo;
  readonly members: MembersRepo;
  readonly programs: ProgramsRepo;
  readonly rewards: RewardsRepo;
  readonly ledger: LedgerRepo;
  readonly serverSecrets: ServerSecretsRepo;
  readonly giftCards: GiftCardsRepo;

  constructor(
    readonly db: Db,
    readonly dialect: Dialect,
    touch: Touch,
  ) {
    this.stores = new StoresRepo(db, touch);
    this.pairing = new PairingRepo(db);
    this.terminals = new TerminalsRepo(db, dialect);
    this.journal = new JournalRepo(db, dialect);
    this.cursors = new CursorsRepo(db);
    this.sales = new SalesRepo(db, dialect);
    this.exceptions = new ExceptionsRepo(db);
    this.parked = new ParkedRepo(db);
    this.foldFailures = new FoldFailuresRepo(db);
    this.products = new ProductsRepo(db, touch);
    this.feed = new FeedRepo(db);
    this.members = new MembersRepo(db, touch, dialect);
    this.programs = new ProgramsRepo(db, touch);
    this.rewards = new RewardsRepo(db, touch);
    this.ledger = new LedgerRepo(db, dialect);
    this.serverSecrets = new ServerSecretsRepo(db);
    this.giftCards = new GiftCardsRepo(db, dialect);
  }
}

export class StorageTx extends Repos {
  private depth = 0;
  private readonly rollbackListeners = new Set<() => void>();

  constructor(
    db: Db,
    dialect: Dialect,
    /** What this transaction changed, announced after commit; a rolled-back savepoint takes its part back. */
    private readonly touched: Map<string, FeedChange>,
  ) {
    super(db, dialect, (c) => touched.set(`${c.collection}\u0000${c.storeId}`, c));
  }

  /**
   * Calls `listener` whenever a savepoint of this transaction is rolled back: a cache of rows read
   * inside one must forget them (on PostgreSQL the rollback also releases the row locks taken there).
   */
  onRollback(listener: () => void): void {
    this.rollbackListeners.add(listener);
  }

  /**
   * Runs `fn` inside a savepoint: if it throws, only its own writes are rolled back (and, on
   * PostgreSQL, the transaction stays usable). Projections fold each batch inside one.
   */
  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = sql.raw(`sp_${++this.depth}`);
    const touchedBefore = new Map(this.touched);
    await sql`SAVEPOINT ${name}`.execute(this.db);
    try {
      const result = await fn();
      await sql`RELEASE SAVEPOINT ${name}`.execute(this.db);
      return result;
    } catch (e) {
      await sql`ROLLBACK TO SAVEPOINT ${name}`.execute(this.db);
      await sql`RELEASE SAVEPOINT ${name}`.execute(this.db);
      this.stores.forget();
      this.terminals.forget();
      this.touched.clear();
      for (const [k, v] of touchedBefore) this.touched.set(k, v);
      for (const l of this.rollbackListeners) l();
      throw e;
    } finally {
      this.depth--;
    }
  }
}

export abstract class Storage extends Repos {
  private readonly listeners = new Set<(change: FeedChange) => void>();

  protected constructor(
    readonly kysely: Kysely<Database>,
    dialect: Dialect,
  ) {
    // Outside a transaction a write is its own unit: announce it at once.
    super(kysely, dialect, (c) => void this.announce([c]));
  }

  /** One database transaction: committed when `fn` resolves, rolled back when it throws. */
  async transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T> {
    const touched = new Map<string, FeedChange>();
    const result = await this.kysely
      .transaction()
      .execute((trx) => fn(new StorageTx(trx, this.dialect, touched)));
    // Only after commit: a stream must never send what a rollback takes back.
    if (touched.size > 0) await this.announce([...touched.values()]);
    return result;
  }

  /** Tells listeners that read models changed (PostgreSQL: every instance, via NOTIFY). */
  protected async announce(changes: FeedChange[]): Promise<void> {
    this.emitLocal(changes);
  }

  protected emitLocal(changes: readonly FeedChange[]): void {
    for (const c of changes) for (const l of this.listeners) l(c);
  }

  onFeedChanged(listener: (change: FeedChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.kysely.destroy();
  }
}
