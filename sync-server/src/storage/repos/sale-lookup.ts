import { sql } from 'kysely';
import { returnSaleIdSql } from '../migrations/0012_store-policy';
import type { Db, Dialect } from '../storage';

/** A stored journal row as the sale lookup reads it. */
export interface LookedUpRow {
  serverSeq: number;
  terminalId: string;
  storeId: string;
  body: string;
  hash: string;
}

/** Reads one sale and the returns that name it from the journal (indexes of migration 0012). */
export class SaleLookupRepo {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  /** The sale events with this id of one store (one, unless a till reused an id), oldest first. */
  async salesOf(storeId: string, saleId: string): Promise<LookedUpRow[]> {
    const rows = await this.db
      .selectFrom('journal')
      .select(['server_seq', 'terminal_id', 'store_id', 'body', 'hash'])
      .where('id', '=', saleId)
      .where('type', '=', 'sale')
      .where('store_id', '=', storeId)
      .orderBy('server_seq')
      .limit(10)
      .execute();
    return rows.map(toRow);
  }

  /** Every return naming this sale id (of any till), oldest first. */
  async returnsOf(saleId: string, limit: number): Promise<LookedUpRow[]> {
    // The same expression as the partial index, so the database uses it.
    const rows = await sql<{
      server_seq: number;
      terminal_id: string;
      store_id: string;
      body: string;
      hash: string;
    }>`SELECT server_seq, terminal_id, store_id, body, hash FROM journal
       WHERE type = 'return' AND ${sql.raw(returnSaleIdSql(this.dialect))} = ${saleId}
       ORDER BY server_seq LIMIT ${limit}`.execute(this.db);
    return rows.rows.map(toRow);
  }
}

function toRow(r: { server_seq: number; terminal_id: string; store_id: string; body: string; hash: string }) {
  return {
    serverSeq: Number(r.server_seq),
    terminalId: r.terminal_id,
    storeId: r.store_id,
    body: r.body,
    hash: r.hash,
  };
}
