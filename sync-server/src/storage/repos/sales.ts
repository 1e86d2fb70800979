import { sql } from 'kysely';
import type { Payment } from '../../../../core/journal/sale-event';
import type { SaleLineRecord, SaleRecord } from '../../../../core/folds/sale-record';
import type { SaleLinesTable, SalesTable } from '../schema';
import type { Db, Dialect } from '../storage';
import { insertTogether } from './raw-insert';
import { tenderRowsOf } from './sale-tenders';

const SALE_COLUMNS = [
  'server_seq',
  'event_id',
  'terminal_id',
  'store_id',
  'seq',
  'business_day',
  'created_at',
  'currency',
  'subtotal_cents',
  'discount_cents',
  'total_cents',
  'payments',
  'member_id',
] as const satisfies readonly (keyof SalesTable)[];
const TENDER_COLUMNS = [
  'server_seq',
  'idx',
  'store_id',
  'business_day',
  'tender',
  'cents',
  'points',
] as const;
const LINE_COLUMNS = [
  'server_seq',
  'line_no',
  'line_id',
  'product_id',
  'code',
  'name',
  'quantity',
  'weight_grams',
  'unit_price_cents',
  'amount_cents',
  'discount_cents',
] as const satisfies readonly (keyof SaleLinesTable)[];

export interface SalesFilter {
  storeId?: string;
  terminalId?: string;
  limit: number;
}

/**
 * An exact sum: a JSON number while it is a safe integer, else its decimal digits as a string
 * (a total of many maximal sales can pass 2^53; it is never rounded).
 */
export type ExactSum = number | string;
export function exactSum(digits: string | null | undefined): ExactSum {
  const n = BigInt(digits ?? '0');
  return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= -BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(n)
    : n.toString();
}

/** The sales projection's rows: a sale and its lines, keyed by the journal's serverSeq. */
export class SalesRepo {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  /**
   * Idempotent on serverSeq (and line): a sale folded twice (two instances catching up at once, a
   * retried fold) is stored once, never a fold failure.
   */
  async insertMany(sales: readonly SaleRecord[]): Promise<void> {
    if (sales.length === 0) return;
    const saleRows = sales.map((s) => [
      s.serverSeq,
      s.eventId,
      s.terminalId,
      s.storeId,
      s.seq,
      s.businessDay,
      s.createdAt,
      s.currency,
      s.subtotalCents,
      s.discountCents,
      s.totalCents,
      JSON.stringify(s.payments),
      s.memberId,
    ]);
    const lineRows = sales.flatMap((s) =>
      s.lines.map((l) => [
        s.serverSeq,
        l.lineNo,
        l.lineId,
        l.productId,
        l.code,
        l.name,
        l.quantity,
        l.weightGrams,
        l.unitPriceCents,
        l.amountCents,
        l.discountCents,
      ]),
    );
    // The tender rows the tender report sums (migration 0016), one per payment.
    const tenderRows = sales.flatMap((s) => tenderRowsOf(s).map((t) => TENDER_COLUMNS.map((c) => t[c])));
    // One round trip on PostgreSQL for the three tables. When each sale reached the server is
    // copied from its journal row (the fold has no receive time).
    await insertTogether(this.db, this.dialect, [
      {
        table: 'sales',
        columns: SALE_COLUMNS,
        rows: saleRows,
        suffix: 'ON CONFLICT DO NOTHING',
        computed: {
          column: 'received_at',
          sql: '(SELECT received_at FROM journal WHERE server_seq = $v)',
          from: 0,
        },
      },
      { table: 'sale_lines', columns: LINE_COLUMNS, rows: lineRows, suffix: 'ON CONFLICT DO NOTHING' },
      { table: 'sale_tenders', columns: TENDER_COLUMNS, rows: tenderRows, suffix: 'ON CONFLICT DO NOTHING' },
    ]);
  }

  async list(f: SalesFilter): Promise<SaleRecord[]> {
    let q = this.db.selectFrom('sales').selectAll();
    if (f.storeId !== undefined) q = q.where('store_id', '=', f.storeId);
    if (f.terminalId !== undefined) q = q.where('terminal_id', '=', f.terminalId);
    const sales = await q.orderBy('server_seq', 'desc').limit(f.limit).execute();
    if (sales.length === 0) return [];
    const lines = await this.db
      .selectFrom('sale_lines')
      .selectAll()
      .where(
        'server_seq',
        'in',
        sales.map((s) => s.server_seq),
      )
      .orderBy('server_seq')
      .orderBy('line_no')
      .execute();
    const byEvent = new Map<number, SaleLineRecord[]>();
    for (const l of lines) {
      const list = byEvent.get(l.server_seq) ?? [];
      list.push({
        lineNo: l.line_no,
        lineId: l.line_id,
        productId: l.product_id,
        code: l.code,
        name: l.name,
        quantity: l.quantity,
        weightGrams: l.weight_grams,
        unitPriceCents: l.unit_price_cents,
        amountCents: l.amount_cents,
        discountCents: l.discount_cents,
      });
      byEvent.set(l.server_seq, list);
    }
    return sales.map((s) => ({
      serverSeq: s.server_seq,
      eventId: s.event_id,
      terminalId: s.terminal_id,
      storeId: s.store_id,
      seq: s.seq,
      businessDay: s.business_day,
      createdAt: s.created_at,
      currency: s.currency,
      subtotalCents: s.subtotal_cents,
      discountCents: s.discount_cents,
      totalCents: s.total_cents,
      payments: JSON.parse(s.payments) as Payment[],
      memberId: s.member_id,
      lines: byEvent.get(s.server_seq) ?? [],
    }));
  }

  /** Count and exact sum of all sales matching the filter (an aggregate in the database). */
  async totals(f: Omit<SalesFilter, 'limit'>): Promise<{ count: number; totalCents: ExactSum }> {
    // Read as text: SUM of BIGINT is NUMERIC on PostgreSQL (exact); SQLite's integer SUM is exact or raises.
    const sum = sql<string | null>`CAST(SUM(total_cents) AS TEXT)`;
    let q = this.db.selectFrom('sales').select([(eb) => eb.fn.countAll<number>().as('n'), sum.as('total')]);
    if (f.storeId !== undefined) q = q.where('store_id', '=', f.storeId);
    if (f.terminalId !== undefined) q = q.where('terminal_id', '=', f.terminalId);
    const r = await q.executeTakeFirstOrThrow();
    return { count: Number(r.n), totalCents: exactSum(r.total) };
  }

  /** For a refold: the projection is rebuilt from the journal. */
  async reset(): Promise<void> {
    await this.db.deleteFrom('sale_lines').execute();
    await this.db.deleteFrom('sale_tenders').execute();
    await this.db.deleteFrom('sales').execute();
  }

  /** Every row, in a stable order: what a refold must reproduce exactly. */
  async dump(): Promise<SaleRecord[]> {
    return (await this.list({ limit: 1_000_000 })).reverse();
  }
}
