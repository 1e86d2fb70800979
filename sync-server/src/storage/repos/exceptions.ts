import type { Selectable } from 'kysely';
import type { ExceptionsTable } from '../schema';
import type { Db } from '../storage';

/**
 * What the server raises for a manager. `seq-gap`, `parked` and `fold-failed` are raised from
 * the state that implies them and cleared (status resolved, resolution `cleared`) when it goes away.
 */
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
  | 'override-used'
  // Issue 10: derived from the seq tracker, the parking lot and the fold failures, and a shift close.
  | 'seq-gap'
  | 'parked'
  | 'fold-failed'
  | 'shift-difference'
  /** Issue 11: points spent offline that reached the server past the store's offline limit. */
  | 'stale-redemption'
  /** Issue 11: a wrong manager PIN at a till, and the one that locked the manager out there. */
  | 'pin-failure'
  | 'pin-lockout';

export type ExceptionStatus = 'open' | 'acknowledged' | 'resolved';

/** The event an exception names (its own, or both uses of a coupon). */
export interface ExceptionEventRef {
  terminalId: string;
  eventId: string;
}

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
  status: ExceptionStatus;
  businessDay: string | null;
  memberId: string | null;
  pointsAtStake: number;
  centsAtStake: number;
  resolvedAt: number | null;
  resolution: string | null;
  dedupeKey: string | null;
}
type StoredOnly = 'id' | 'status' | 'resolvedAt' | 'resolution' | 'dedupeKey';
export type NewException = Omit<
  ExceptionRecord,
  StoredOnly | 'businessDay' | 'memberId' | 'pointsAtStake' | 'centsAtStake'
> & {
  /** The same key is the same finding: raised once, however often the event is pushed again. */
  dedupeKey?: string;
  businessDay?: string | null;
  memberId?: string | null;
  /** What a manager's decision moves: points a member is short, cents of a discount or a card. */
  pointsAtStake?: number;
  centsAtStake?: number;
  /** The events it names; default its own event (none when it names none). */
  events?: readonly ExceptionEventRef[];
};

export interface ExceptionsFilter {
  storeId?: string;
  storeIds?: readonly string[];
  terminalId?: string;
  kind?: string;
  status?: ExceptionStatus;
  day?: string;
  limit: number;
}

type Row = Selectable<ExceptionsTable>;
function toRecord(r: Row): ExceptionRecord {
  return {
    id: Number(r.id),
    kind: r.kind as ExceptionKind,
    terminalId: r.terminal_id,
    storeId: r.store_id,
    eventId: r.event_id,
    seq: r.seq === null ? null : Number(r.seq),
    message: r.message,
    detail: r.detail,
    detectedAt: Number(r.detected_at),
    status: r.status,
    businessDay: r.business_day,
    memberId: r.member_id,
    pointsAtStake: Number(r.points_at_stake),
    centsAtStake: Number(r.cents_at_stake),
    resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
    resolution: r.resolution,
    dedupeKey: r.dedupe_key,
  };
}

export class ExceptionsRepo {
  constructor(private readonly db: Db) {}

  /**
   * Raises an exception; false when one with the same dedupe key already exists. A cleared
   * exception (status resolved, resolution `cleared`) whose cause comes back is reopened: the
   * same seq gap after a refold is the same finding, and still needs a manager.
   */
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
        business_day: e.businessDay ?? null,
        member_id: e.memberId ?? null,
        points_at_stake: e.pointsAtStake ?? 0,
        cents_at_stake: e.centsAtStake ?? 0,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (r === undefined) {
      if (e.dedupeKey !== undefined) await this.reopenCleared(e.dedupeKey);
      return false;
    }
    const id = Number(r.id);
    const events = e.events ?? (e.eventId !== null ? [{ terminalId: e.terminalId, eventId: e.eventId }] : []);
    for (const ev of events) {
      await this.db
        .insertInto('exception_events')
        .values({ exception_id: id, terminal_id: ev.terminalId, event_id: ev.eventId })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    return true;
  }

  private async reopenCleared(dedupeKey: string): Promise<void> {
    await this.db
      .updateTable('exceptions')
      .set({ status: 'open', resolution: null, resolved_at: null })
      .where('dedupe_key', '=', dedupeKey)
      .where('resolution', '=', 'cleared')
      .execute();
  }

  /**
   * The server saw the cause go away (a gap filled, an event unparked or folded): resolved with
   * resolution `cleared`. One a manager already resolved keeps the manager's resolution.
   */
  async clear(dedupeKey: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('exceptions')
      .set({ status: 'resolved', resolution: 'cleared', resolved_at: now })
      .where('dedupe_key', '=', dedupeKey)
      .where('status', '!=', 'resolved')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** An overdraft episode that grew: its shortfall now. */
  async setPointsAtStake(dedupeKey: string, points: number): Promise<void> {
    await this.db
      .updateTable('exceptions')
      .set({ points_at_stake: points })
      .where('dedupe_key', '=', dedupeKey)
      .execute();
  }

  /** Sets what a manager's adjustment decided (the exception projection folds it). */
  async setStatus(
    id: number,
    status: ExceptionStatus,
    resolution: string | null,
    resolvedAt: number | null,
  ): Promise<void> {
    await this.db
      .updateTable('exceptions')
      .set({ status, resolution, resolved_at: resolvedAt })
      .where('id', '=', id)
      .execute();
  }

  async get(id: number): Promise<ExceptionRecord | undefined> {
    const r = await this.db.selectFrom('exceptions').selectAll().where('id', '=', id).executeTakeFirst();
    return r === undefined ? undefined : toRecord(r);
  }

  async byDedupeKey(dedupeKey: string): Promise<ExceptionRecord | undefined> {
    const r = await this.db
      .selectFrom('exceptions')
      .selectAll()
      .where('dedupe_key', '=', dedupeKey)
      .executeTakeFirst();
    return r === undefined ? undefined : toRecord(r);
  }

  /** The events an exception names, in the order they were named. */
  async events(id: number): Promise<ExceptionEventRef[]> {
    const rows = await this.db
      .selectFrom('exception_events')
      .select(['terminal_id', 'event_id'])
      .where('exception_id', '=', id)
      .orderBy('terminal_id')
      .orderBy('event_id')
      .execute();
    return rows.map((r) => ({ terminalId: r.terminal_id, eventId: r.event_id }));
  }

  /** Exceptions naming one event (an event's page). */
  async forEvent(terminalId: string, eventId: string): Promise<ExceptionRecord[]> {
    const rows = await this.db
      .selectFrom('exceptions')
      .selectAll('exceptions')
      .innerJoin('exception_events as ee', 'ee.exception_id', 'exceptions.id')
      .where('ee.terminal_id', '=', terminalId)
      .where('ee.event_id', '=', eventId)
      .orderBy('exceptions.id')
      .execute();
    return rows.map(toRecord);
  }

  /** Every manager-set status back to open (a refold of the exception projection replays them). */
  async resetManagerStatus(): Promise<void> {
    await this.db
      .updateTable('exceptions')
      .set({ status: 'open', resolution: null, resolved_at: null })
      .where((eb) => eb.or([eb('resolution', 'is', null), eb('resolution', '!=', 'cleared')]))
      .execute();
  }

  async list(f: ExceptionsFilter): Promise<ExceptionRecord[]> {
    let q = this.db.selectFrom('exceptions').selectAll();
    if (f.storeId !== undefined) q = q.where('store_id', '=', f.storeId);
    if (f.storeIds !== undefined) {
      if (f.storeIds.length === 0) return [];
      q = q.where('store_id', 'in', [...f.storeIds]);
    }
    if (f.terminalId !== undefined) q = q.where('terminal_id', '=', f.terminalId);
    if (f.kind !== undefined) q = q.where('kind', '=', f.kind);
    if (f.status !== undefined) q = q.where('status', '=', f.status);
    if (f.day !== undefined) q = q.where('business_day', '=', f.day);
    const rows = await q.orderBy('id', 'desc').limit(f.limit).execute();
    return rows.map(toRecord);
  }
}
