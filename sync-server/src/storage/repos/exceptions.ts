import type { Db } from '../storage';

/** What the server raises for a manager. `parked`, `fold-failed` and `seq-gap` are derived, not stored here. */
export type ExceptionKind =
  | 'tamper'
  | 'chain-break'
  | 'seq-reused'
  | 'totals-mismatch'
  /** A sale, return or transfer whose spending disagrees with its own ledger rows (core/journal/spend-checks.ts). */
  | 'spend-mismatch'
  | 'currency-mismatch'
  | 'event-refused'
  | 'rule-drift'
  | 'program-version-unknown'
  | 'card-taken'
  | 'card-outside-range'
  | 'referral-unknown'
  | 'referral-self'
  /** Tills spent more of a gift card than it held (offline), or spent a code the server never issued. */
  | 'gift-card-overdrawn'
  // Spending (issue 9): points spent twice offline, a code used twice, a return above its sale,
  // and every manager override (informational: a manager sees each one).
  | 'overdraft'
  | 'coupon-reused'
  | 'return-exceeds-sale'
  | 'override-used';

export interface ExceptionRecord {
  id: number;
  kind: ExceptionKind;
  terminalId: string;
  storeId: string;
  eventId: string | null;
  seq: number | null;
  message: string;
  /** JSON with whatever helps a manager decide (the hashes, the refused content's hash, …). */
  detail: string | null;
  detectedAt: number;
}
export type NewException = Omit<ExceptionRecord, 'id'> & {
  /** The same key is the same finding: raised once, however often the event is pushed again. */
  dedupeKey?: string;
};

export interface ExceptionsFilter {
  storeId?: string;
  terminalId?: string;
  limit: number;
}

export class ExceptionsRepo {
  constructor(private readonly db: Db) {}

  /** Raises an exception; false when one with the same dedupe key already exists. */
  async insert(e: NewException): Promise<boolean> {
    const r = await this.db
      .insertInto('exceptions')
      .values({
        kind: e.kind,
        terminal_id: e.terminalId,
        store_id: e.storeId,
        event_id: e.eventId,
        seq: e.seq,
        message: e.message,
        detail: e.detail,
        detected_at: e.detectedAt,
        dedupe_key: e.dedupeKey ?? null,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async list(f: ExceptionsFilter): Promise<ExceptionRecord[]> {
    let q = this.db.selectFrom('exceptions').selectAll();
    if (f.storeId !== undefined) q = q.where('store_id', '=', f.storeId);
    if (f.terminalId !== undefined) q = q.where('terminal_id', '=', f.terminalId);
    const rows = await q.orderBy('id', 'desc').limit(f.limit).execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as ExceptionKind,
      terminalId: r.terminal_id,
      storeId: r.store_id,
      eventId: r.event_id,
      seq: r.seq,
      message: r.message,
      detail: r.detail,
      detectedAt: r.detected_at,
    }));
  }
}
