import type { FoldFailuresTable, ParkedEventsTable } from '../schema';
import type { Db } from '../storage';
import { chunksFor } from './chunks';

export type ParkedEvent = ParkedEventsTable;
export type FoldFailure = FoldFailuresTable;

/** Events stored but not understood yet; a server that understands them folds them and removes the row. */
export class ParkedRepo {
  constructor(private readonly db: Db) {}

  async insertMany(rows: readonly ParkedEvent[]): Promise<void> {
    for (const chunk of chunksFor(rows, 10))
      await this.db.insertInto('parked_events').values(chunk).execute();
  }

  async list(filter: { storeId?: string; terminalId?: string; limit?: number } = {}): Promise<ParkedEvent[]> {
    let q = this.db.selectFrom('parked_events').selectAll();
    if (filter.storeId !== undefined) q = q.where('store_id', '=', filter.storeId);
    if (filter.terminalId !== undefined) q = q.where('terminal_id', '=', filter.terminalId);
    return q
      .orderBy('server_seq')
      .limit(filter.limit ?? 10_000)
      .execute();
  }

  /**
   * Parked events after a serverSeq, in the server's order: page through them (unpark must reach
   * every one, not the first `list()` page).
   */
  async page(afterServerSeq: number, limit: number, terminalId?: string): Promise<ParkedEvent[]> {
    let q = this.db.selectFrom('parked_events').selectAll().where('server_seq', '>', afterServerSeq);
    if (terminalId !== undefined) q = q.where('terminal_id', '=', terminalId);
    return q.orderBy('server_seq').limit(limit).execute();
  }

  /** The terminals that have parked events. */
  async terminalIds(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('parked_events')
      .select('terminal_id')
      .distinct()
      .orderBy('terminal_id')
      .execute();
    return rows.map((r) => r.terminal_id);
  }

  /** A stream's parked serverSeqs in (after, upTo]: what one catch-up page must skip. */
  async serverSeqsBetween(terminalId: string, after: number, upTo: number): Promise<Set<number>> {
    const rows = await this.db
      .selectFrom('parked_events')
      .select('server_seq')
      .where('terminal_id', '=', terminalId)
      .where('server_seq', '>', after)
      .where('server_seq', '<=', upTo)
      .execute();
    return new Set(rows.map((r) => r.server_seq));
  }

  async remove(serverSeq: number): Promise<void> {
    await this.db.deleteFrom('parked_events').where('server_seq', '=', serverSeq).execute();
  }

  async serverSeqs(): Promise<Set<number>> {
    const rows = await this.db.selectFrom('parked_events').select('server_seq').execute();
    return new Set(rows.map((r) => r.server_seq));
  }
}

/** What a projection could not fold, with the error: listed as `fold-failed`, retried by refold. */
export class FoldFailuresRepo {
  constructor(private readonly db: Db) {}

  async insert(f: FoldFailure): Promise<void> {
    await this.db
      .insertInto('fold_failures')
      .values(f)
      .onConflict((oc) =>
        oc.columns(['projection', 'server_seq']).doUpdateSet({ error: f.error, failed_at: f.failed_at }),
      )
      .execute();
  }

  async list(filter: { storeId?: string; terminalId?: string } = {}): Promise<FoldFailure[]> {
    let q = this.db.selectFrom('fold_failures').selectAll();
    if (filter.storeId !== undefined) q = q.where('store_id', '=', filter.storeId);
    if (filter.terminalId !== undefined) q = q.where('terminal_id', '=', filter.terminalId);
    return q.orderBy('server_seq').execute();
  }

  async reset(projection: string): Promise<void> {
    await this.db.deleteFrom('fold_failures').where('projection', '=', projection).execute();
  }
}
