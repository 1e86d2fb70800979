import type { Selectable } from 'kysely';
import type { AdjustmentsTable } from '../schema';
import type { Db } from '../storage';

export type AdjustmentRow = Selectable<AdjustmentsTable>;

export interface AdjustmentsFilter {
  storeIds?: readonly string[];
  terminalId?: string;
  memberId?: string;
  exceptionId?: number;
  from?: number;
  to?: number;
  limit: number;
}

/** One row per `adjustment` server event (migration 0013), written by the exception projection. */
export class AdjustmentsRepo {
  constructor(private readonly db: Db) {}

  /** Idempotent on the event id: a refold or a replay adds none. */
  async insert(row: AdjustmentRow): Promise<void> {
    await this.db
      .insertInto('adjustments')
      .values(row)
      .onConflict((oc) => oc.column('event_id').doNothing())
      .execute();
  }

  async byEventId(eventId: string): Promise<AdjustmentRow | undefined> {
    const r = await this.db
      .selectFrom('adjustments')
      .selectAll()
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return r === undefined ? undefined : num(r);
  }

  /** Newest first. */
  async list(f: AdjustmentsFilter): Promise<AdjustmentRow[]> {
    let q = this.db.selectFrom('adjustments').selectAll();
    if (f.storeIds !== undefined) {
      if (f.storeIds.length === 0) return [];
      q = q.where('store_id', 'in', [...f.storeIds]);
    }
    if (f.terminalId !== undefined) q = q.where('terminal_id', '=', f.terminalId);
    if (f.memberId !== undefined) q = q.where('member_id', '=', f.memberId);
    if (f.exceptionId !== undefined) q = q.where('exception_id', '=', f.exceptionId);
    if (f.from !== undefined) q = q.where('at', '>=', f.from);
    if (f.to !== undefined) q = q.where('at', '<', f.to);
    const rows = await q.orderBy('at', 'desc').orderBy('server_seq', 'desc').limit(f.limit).execute();
    return rows.map(num);
  }

  /** The seq ranges of a till a manager marked lost (sync status shows them as lost, not missing). */
  async lostRanges(terminalId: string): Promise<{ from: number; to: number }[]> {
    const rows = await this.db
      .selectFrom('adjustments')
      .select(['lost_from', 'lost_to'])
      .where('terminal_id', '=', terminalId)
      .where('lost_from', 'is not', null)
      .orderBy('lost_from')
      .execute();
    return rows.map((r) => ({ from: Number(r.lost_from), to: Number(r.lost_to) }));
  }

  async reset(): Promise<void> {
    await this.db.deleteFrom('adjustments').execute();
  }
}

function num(r: AdjustmentRow): AdjustmentRow {
  return {
    ...r,
    server_seq: Number(r.server_seq),
    exception_id: Number(r.exception_id),
    points: Number(r.points),
    cents: Number(r.cents),
    at: Number(r.at),
    lost_from: r.lost_from === null ? null : Number(r.lost_from),
    lost_to: r.lost_to === null ? null : Number(r.lost_to),
  };
}
