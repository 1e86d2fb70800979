import { sql } from 'kysely';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { StoresTable, TerminalsTable } from '../schema';
import type { Db, Dialect } from '../storage';
import { declarePrepared, executePrepared } from './prepared';
import type { StoresRepo } from './stores';

export interface TerminalRecord {
  terminalId: string;
  storeId: string;
  name: string | null;
  tokenHash: string;
  pairedAt: number;
  lastSeenAt: number | null;
  /** Highest seq below which every seq has arrived (0 when none). */
  contiguousSeq: number;
  /** Highest seq received (the resume point for a reinstalled till). */
  maxSeq: number;
  /** Events waiting on the till, as it reported with its last push (null = never reported). */
  pendingReported: number | null;
  pendingReportedAt: number | null;
  /** Server receive time minus the till's createdAt of the newest event it pushed, ms. */
  clockSkewMs: number | null;
}

/** Named, not `*`: the push's lock is a prepared statement on PostgreSQL (repos/prepared.ts). */
const TERMINAL_COLUMNS = [
  'terminal_id',
  'store_id',
  'name',
  'token_hash',
  'paired_at',
  'last_seen_at',
  'contiguous_seq',
  'max_seq',
  'pending_reported',
  'pending_reported_at',
  'clock_skew_ms',
] as const satisfies readonly (keyof TerminalsTable)[];

const toTerminal = (r: TerminalsTable): TerminalRecord => ({
  terminalId: r.terminal_id,
  storeId: r.store_id,
  name: r.name,
  tokenHash: r.token_hash,
  pairedAt: r.paired_at,
  lastSeenAt: r.last_seen_at,
  contiguousSeq: r.contiguous_seq,
  maxSeq: r.max_seq,
  pendingReported: r.pending_reported ?? null,
  pendingReportedAt: r.pending_reported_at ?? null,
  clockSkewMs: r.clock_skew_ms ?? null,
});

export class TerminalsRepo {
  /**
   * The rows this transaction locked, as read: no one else can change them until it ends, so `get`
   * answers them without a round trip (seq tracking reads the pushing terminal the push locked).
   * Every write of this repo — the only writer of `terminals` — forgets them, as does a rolled-back
   * savepoint.
   */
  private readonly locked = new Map<string, TerminalRecord>();

  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  /** Forgets the rows remembered by `lock`. */
  forget(): void {
    this.locked.clear();
  }

  async insert(
    t: Omit<
      TerminalRecord,
      'lastSeenAt' | 'contiguousSeq' | 'maxSeq' | 'pendingReported' | 'pendingReportedAt' | 'clockSkewMs'
    >,
  ): Promise<void> {
    this.locked.clear();
    await this.db
      .insertInto('terminals')
      .values({
        terminal_id: t.terminalId,
        store_id: t.storeId,
        name: t.name,
        token_hash: t.tokenHash,
        paired_at: t.pairedAt,
        contiguous_seq: 0,
        max_seq: 0,
      })
      .execute();
  }

  async get(terminalId: string): Promise<TerminalRecord | undefined> {
    const held = this.locked.get(terminalId);
    if (held) return held;
    const r = await this.db
      .selectFrom('terminals')
      .selectAll()
      .where('terminal_id', '=', terminalId)
      .executeTakeFirst();
    return r && toTerminal(r);
  }

  /** Reads the terminal and, on PostgreSQL, locks its row until the transaction ends. */
  async lock(terminalId: string): Promise<TerminalRecord | undefined> {
    // SQLite's BEGIN IMMEDIATE already holds the one write lock.
    let q = this.db.selectFrom('terminals').select(TERMINAL_COLUMNS).where('terminal_id', '=', terminalId);
    if (this.dialect === 'postgres') q = q.forUpdate();
    const [r] = await executePrepared(this.db, q);
    const t = r && toTerminal(r);
    if (t && this.db.isTransaction) this.locked.set(terminalId, t);
    return t;
  }

  /**
   * `lock`, and the settings of the store the push names, which `stores` then remembers for the
   * transaction: a push reads both first. On PostgreSQL one statement (a round trip fewer per
   * push), the store's row as json beside the locked terminal's; on SQLite the two reads.
   */
  async lockWithStore(
    terminalId: string,
    storeId: string,
    stores: StoresRepo,
  ): Promise<{ terminal: TerminalRecord | undefined; store: StoreSettings | undefined }> {
    if (this.dialect !== 'postgres')
      return { terminal: await this.lock(terminalId), store: await stores.get(storeId) };
    const columns = sql.raw(TERMINAL_COLUMNS.map((c) => `t.${c}`).join(', '));
    const query = sql<TerminalsTable & { store: StoresTable | null }>`
      SELECT ${columns}, to_json(s) AS store FROM terminals t LEFT JOIN stores s ON s.store_id = ${storeId}
      WHERE t.terminal_id = ${terminalId} FOR UPDATE OF t`.compile(this.db);
    declarePrepared(query.sql);
    const [r] = (await this.db.executeQuery(query)).rows;
    if (!r) return { terminal: undefined, store: await stores.get(storeId) };
    const { store, ...row } = r;
    const t = toTerminal(row);
    if (this.db.isTransaction) this.locked.set(terminalId, t);
    return { terminal: t, store: stores.remember(storeId, store ?? undefined) };
  }

  async findByTokenHash(tokenHash: string): Promise<TerminalRecord | undefined> {
    const r = await this.db
      .selectFrom('terminals')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return r && toTerminal(r);
  }

  async list(storeId?: string): Promise<TerminalRecord[]> {
    let q = this.db.selectFrom('terminals').selectAll();
    if (storeId !== undefined) q = q.where('store_id', '=', storeId);
    return (await q.orderBy('paired_at').orderBy('terminal_id').execute()).map(toTerminal);
  }

  async updateSeqs(terminalId: string, contiguousSeq: number, maxSeq: number): Promise<void> {
    this.locked.clear();
    await executePrepared(
      this.db,
      this.db
        .updateTable('terminals')
        .set({ contiguous_seq: contiguousSeq, max_seq: maxSeq })
        .where('terminal_id', '=', terminalId),
    );
  }

  /** For a refold of seq tracking. */
  async resetSeqs(): Promise<void> {
    this.locked.clear();
    await this.db.updateTable('terminals').set({ contiguous_seq: 0, max_seq: 0 }).execute();
  }

  async touch(terminalId: string, now: number): Promise<void> {
    this.locked.clear();
    await this.db
      .updateTable('terminals')
      .set({ last_seen_at: now })
      .where('terminal_id', '=', terminalId)
      .execute();
  }

  /**
   * What the till said with a push: its waiting count (when it sent one; an old client does not)
   * and the clock skew of the newest event it pushed (when the push carried one).
   */
  async recordReport(
    terminalId: string,
    report: { pending?: number; clockSkewMs?: number },
    now: number,
  ): Promise<void> {
    this.locked.clear();
    const set: Partial<TerminalsTable> = {};
    if (report.pending !== undefined) {
      set.pending_reported = report.pending;
      set.pending_reported_at = now;
    }
    if (report.clockSkewMs !== undefined) set.clock_skew_ms = report.clockSkewMs;
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('terminals').set(set).where('terminal_id', '=', terminalId).execute();
  }
}
