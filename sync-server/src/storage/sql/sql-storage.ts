import type { Dialect, ProductInput, Storage, StorageTx } from '../port';
import type { SqlExecutor } from './sql-executor';
import { SqlRepository } from './sql-repository';

/** A connection reserved for one transaction (SQLite: the one connection behind a mutex). */
export interface TxConnection {
  exec: SqlExecutor;
  release(): void;
}

class SqlTx extends SqlRepository implements StorageTx {
  private depth = 0;

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp_${++this.depth}`;
    await this.exec.run(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      await this.exec.run(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (e) {
      await this.exec.run(`ROLLBACK TO SAVEPOINT ${name}`);
      await this.exec.run(`RELEASE SAVEPOINT ${name}`);
      throw e;
    } finally {
      this.depth--;
    }
  }
}

/**
 * What both SQL adapters share: transactions with savepoints, and the in-process notification of
 * product changes after commit (the SSE stream listens to it).
 */
export abstract class SqlStorage extends SqlRepository implements Storage {
  private readonly listeners = new Set<(storeId: string) => void>();

  protected constructor(exec: SqlExecutor, dialect: Dialect) {
    super(exec, dialect);
  }

  protected abstract openTx(): Promise<TxConnection>;
  protected abstract readonly beginSql: string;
  abstract close(): Promise<void>;

  async transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T> {
    const conn = await this.openTx();
    const touched = new Set<string>();
    let result: T;
    try {
      await conn.exec.run(this.beginSql);
      try {
        result = await fn(new SqlTx(conn.exec, this.dialect, (s) => touched.add(s)));
        await conn.exec.run('COMMIT');
      } catch (e) {
        await conn.exec.run('ROLLBACK');
        throw e;
      }
    } finally {
      conn.release();
    }
    for (const storeId of touched) await this.announce(storeId);
    return result;
  }

  /** Outside a transaction, an upsert of products is still all-or-nothing. */
  override upsertProducts(storeId: string, products: readonly ProductInput[]): Promise<number> {
    return this.transaction((tx) => tx.upsertProducts(storeId, products));
  }

  /** Tells listeners that a store's products changed (PostgreSQL: every instance, via NOTIFY). */
  protected async announce(storeId: string): Promise<void> {
    this.emitLocal(storeId);
  }

  protected emitLocal(storeId: string): void {
    for (const l of this.listeners) l(storeId);
  }

  onProductsChanged(listener: (storeId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
