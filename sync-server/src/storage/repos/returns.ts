import type { ReturnsTable } from '../schema';
import type { Db, Dialect } from '../storage';
import { inList } from './in-list';
import { executePrepared } from './prepared';
import { chunksFor } from './chunks';

export interface ReturnRecord {
  returnId: string;
  serverSeq: number;
  terminalId: string;
  storeId: string;
  seq: number;
  saleId: string;
  businessDay: string;
  createdAt: number;
  currency: string;
  totalCents: number;
  memberId: string | null;
  lines: { lineId: string; name: string; quantity: number; weightGrams?: number; refundCents: number }[];
  reason: string;
}

/** Named, not `*`: the look-up of a batch's sales is a prepared statement on PostgreSQL. */
const RETURN_COLUMNS = [
  'return_id',
  'server_seq',
  'terminal_id',
  'store_id',
  'seq',
  'sale_id',
  'business_day',
  'created_at',
  'currency',
  'total_cents',
  'member_id',
  'lines',
  'reason',
] as const satisfies readonly (keyof ReturnsTable)[];

const toRecord = (r: ReturnsTable): ReturnRecord => ({
  returnId: r.return_id,
  serverSeq: Number(r.server_seq),
  terminalId: r.terminal_id,
  storeId: r.store_id,
  seq: Number(r.seq),
  saleId: r.sale_id,
  businessDay: r.business_day,
  createdAt: Number(r.created_at),
  currency: r.currency,
  totalCents: Number(r.total_cents),
  memberId: r.member_id,
  lines: JSON.parse(r.lines) as ReturnRecord['lines'],
  reason: r.reason,
});

/** Folded returns (migration 0010), by the sale they return from: the returns projection's rows. */
export class ReturnsRepo {
  constructor(
    private readonly db: Db,
    /** Without one, look-ups use the portable `IN (…)` list. */
    private readonly dialect?: Dialect,
  ) {}

  /** Records returns once each (a refold or a second push of one is a no-op): one statement per chunk. */
  async insertMany(rs: readonly ReturnRecord[]): Promise<void> {
    const rows = rs.map((r) => ({
      return_id: r.returnId,
      server_seq: r.serverSeq,
      terminal_id: r.terminalId,
      store_id: r.storeId,
      seq: r.seq,
      sale_id: r.saleId,
      business_day: r.businessDay,
      created_at: r.createdAt,
      currency: r.currency,
      total_cents: r.totalCents,
      member_id: r.memberId,
      lines: JSON.stringify(r.lines),
      reason: r.reason,
    }));
    for (const chunk of chunksFor(rows, 13)) {
      await this.db
        .insertInto('returns')
        .values(chunk)
        .onConflict((oc) => oc.column('return_id').doNothing())
        .execute();
    }
  }

  /** The returns of these sales, in serverSeq order. */
  async ofSales(saleIds: readonly string[]): Promise<ReturnRecord[]> {
    const out: ReturnRecord[] = [];
    for (const chunk of chunksFor([...new Set(saleIds)], 1)) {
      const rows = await executePrepared(
        this.db,
        this.db
          .selectFrom('returns')
          .select(RETURN_COLUMNS)
          .where(inList(this.dialect, 'sale_id', chunk)),
      );
      out.push(...rows.map(toRecord));
    }
    return out.sort((a, b) => a.serverSeq - b.serverSeq);
  }

  async list(f: { storeId?: string; limit: number }): Promise<ReturnRecord[]> {
    let q = this.db.selectFrom('returns').selectAll();
    if (f.storeId !== undefined) q = q.where('store_id', '=', f.storeId);
    const rows = await q.orderBy('server_seq', 'desc').limit(f.limit).execute();
    return rows.map(toRecord);
  }

  async reset(): Promise<void> {
    await this.db.deleteFrom('returns').execute();
  }
}
