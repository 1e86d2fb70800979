import type { LedgerEntriesTable } from '../schema';
import type { Db, Dialect } from '../storage';
import { chunksFor } from './chunks';
import { insertRows } from './raw-insert';

export type LedgerRow = LedgerEntriesTable;

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

  async reset(): Promise<void> {
    await this.db.deleteFrom('ledger_entries').execute();
  }
}
