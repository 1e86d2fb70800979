import { sql } from 'kysely';
import type { LedgerEntriesTable } from '../schema';
import type { Db, Dialect } from '../storage';
import { chunksFor } from './chunks';
import { insertRows } from './raw-insert';

export type LedgerRow = LedgerEntriesTable;

/** The id of the row that expires what was left of a lot: `expired:<lot entry id>`. */
export const EXPIRY_PREFIX = 'expired:';
export const expiryEntryId = (lotEntryId: string): string => `${EXPIRY_PREFIX}${lotEntryId}`;

const COLUMNS = [
  'entry_id',
  'member_id',
  'provisional_card',
  'server_seq',
  'terminal_id',
  'store_id',
  'seq',
  'account',
  'unit',
  'amount',
  'program_id',
  'program_version',
  'rule_id',
  'text',
  'created_at',
  'status',
  'available_at',
  'expires_at',
] as const satisfies readonly (keyof LedgerEntriesTable)[];

/** The points ledger: one row per entry id, so a retry, a duplicate push or a refold never adds one. */
export class LedgerRepo {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  /** Inserts the rows whose id is new; returns the ids that were new. */
  async insertMany(rows: readonly LedgerRow[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (const chunk of chunksFor(rows, COLUMNS.length)) {
      const back = await insertRows<{ entry_id: string }>(
        this.db,
        this.dialect,
        'ledger_entries',
        COLUMNS,
        chunk.map((r) => COLUMNS.map((c) => r[c])),
        'ON CONFLICT (entry_id) DO NOTHING RETURNING entry_id',
      );
      for (const r of back) inserted.add(r.entry_id);
    }
    return inserted;
  }

  async ofMember(memberId: string, limit = 1_000): Promise<LedgerRow[]> {
    return this.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('member_id', '=', memberId)
      .orderBy('server_seq')
      .orderBy('entry_id')
      .limit(limit)
      .execute();
  }

  /** Σ amount per account of a member: what the member's figures must equal. */
  async sums(memberId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('ledger_entries')
      .select(['account', (eb) => eb.fn.sum<number>('amount').as('total')])
      .where('member_id', '=', memberId)
      .groupBy('account')
      .execute();
    return new Map(rows.map((r) => [r.account, Number(r.total)]));
  }

  async byIds(entryIds: readonly string[]): Promise<LedgerRow[]> {
    const out: LedgerRow[] = [];
    for (const chunk of chunksFor([...new Set(entryIds)], 1)) {
      out.push(
        ...(await this.db.selectFrom('ledger_entries').selectAll().where('entry_id', 'in', chunk).execute()),
      );
    }
    return out;
  }

  /**
   * Pending rows of known members whose return window ended by `at`, in (available_at, entry_id)
   * order after the keyset `after`: the posting job pages through them.
   */
  async pendingDue(
    at: number,
    after: { availableAt: number; entryId: string } | null,
    limit: number,
  ): Promise<LedgerRow[]> {
    let q = this.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('status', '=', 'pending')
      .where('member_id', 'is not', null)
      .where('available_at', '<=', at);
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('available_at', '>', after.availableAt),
          eb.and([eb('available_at', '=', after.availableAt), eb('entry_id', '>', after.entryId)]),
        ]),
      );
    }
    return q.orderBy('available_at').orderBy('entry_id').limit(limit).execute();
  }

  /** Pending rows become posted; returns those that were pending (a row posted already is not again). */
  async post(entryIds: readonly string[]): Promise<LedgerRow[]> {
    const out: LedgerRow[] = [];
    for (const chunk of chunksFor([...new Set(entryIds)], 1)) {
      out.push(
        ...(await this.db
          .updateTable('ledger_entries')
          .set({ status: 'posted' })
          .where('entry_id', 'in', chunk)
          .where('status', '=', 'pending')
          .returningAll()
          .execute()),
      );
    }
    return out;
  }

  /**
   * Members (after `afterMemberId`, ascending) with a posted earning lot whose expiry is due by
   * `at` and that no expiry row has closed yet: the expiry job pages through them.
   */
  async membersWithDueLots(at: number, afterMemberId: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('ledger_entries as l')
      .select('l.member_id')
      .distinct()
      .where('l.account', '=', 'points')
      .where('l.expires_at', '<=', at)
      .where('l.amount', '>', 0)
      .where('l.status', '=', 'posted')
      .where('l.member_id', 'is not', null)
      .where('l.member_id', '>', afterMemberId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('ledger_entries as x')
              .select('x.entry_id')
              .where(sql<boolean>`x.entry_id = ${sql.lit(EXPIRY_PREFIX)} || l.entry_id`),
          ),
        ),
      )
      .orderBy('l.member_id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.member_id as string);
  }

  /** Every 'points' row of these members, oldest first (created_at, entry_id): FIFO and tiers read them. */
  async pointsRowsOf(memberIds: readonly string[]): Promise<LedgerRow[]> {
    const out: LedgerRow[] = [];
    for (const chunk of chunksFor([...new Set(memberIds)], 1)) {
      out.push(
        ...(await this.db
          .selectFrom('ledger_entries')
          .selectAll()
          .where('member_id', 'in', chunk)
          .where('account', '=', 'points')
          .execute()),
      );
    }
    return out.sort(
      (a, b) =>
        a.created_at - b.created_at || (a.entry_id < b.entry_id ? -1 : a.entry_id > b.entry_id ? 1 : 0),
    );
  }

  async reset(): Promise<void> {
    await this.db.deleteFrom('ledger_entries').execute();
  }
}
