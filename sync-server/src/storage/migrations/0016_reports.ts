import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../storage';
import { tenderRowsOf } from '../repos/sale-tenders';

const BACKFILL_PAGE = 5_000;

/**
 * Reports as database aggregates (issue 10).
 * - `sale_tenders`: one row per payment of a sale (cash, card, points, gift-card) with the sale's
 *   store and business day, so the tender split is a GROUP BY instead of parsing `sales.payments`.
 * - `sales.received_at`: when the sale's event reached the server (the journal's receive time), so
 *   the offline share needs no join to the journal.
 * - Indexes for the day-range scans: sales(store_id, business_day), sale_tenders(store_id,
 *   business_day, tender), ledger_entries(store_id, created_at).
 * Both are backfilled from the sales the server already holds.
 */
export function reportsMigration(_dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('sales').addColumn('received_at', 'bigint').execute();
      await sql`UPDATE sales SET received_at = (SELECT j.received_at FROM journal j WHERE j.server_seq = sales.server_seq)`.execute(
        db,
      );
      await db.schema
        .createTable('sale_tenders')
        .addColumn('server_seq', 'bigint', (c) => c.notNull())
        .addColumn('idx', 'integer', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('business_day', 'text', (c) => c.notNull())
        .addColumn('tender', 'text', (c) => c.notNull())
        .addColumn('cents', 'bigint', (c) => c.notNull())
        .addColumn('points', 'bigint', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('sale_tenders_pk', ['server_seq', 'idx'])
        .execute();
      await db.schema
        .createIndex('sales_store_day')
        .on('sales')
        .columns(['store_id', 'business_day'])
        .execute();
      await db.schema
        .createIndex('sale_tenders_store_day')
        .on('sale_tenders')
        .columns(['store_id', 'business_day', 'tender'])
        .execute();
      await db.schema
        .createIndex('ledger_entries_store_created')
        .on('ledger_entries')
        .columns(['store_id', 'created_at'])
        .execute();
      // Backfill the tenders of the sales already folded, a page at a time.
      let after = -1;
      for (;;) {
        const page = await sql<{
          server_seq: number | string;
          store_id: string;
          business_day: string;
          payments: string;
        }>`SELECT server_seq, store_id, business_day, payments FROM sales WHERE server_seq > ${after} ORDER BY server_seq LIMIT ${BACKFILL_PAGE}`.execute(
          db,
        );
        if (page.rows.length === 0) break;
        const rows = page.rows.flatMap((s) =>
          tenderRowsOf({
            serverSeq: Number(s.server_seq),
            storeId: s.store_id,
            businessDay: s.business_day,
            payments: JSON.parse(s.payments) as { method: string; amountCents: number; points?: number }[],
          }),
        );
        for (let i = 0; i < rows.length; i += 1_000) {
          await (db as Kysely<{ sale_tenders: object }>)
            .insertInto('sale_tenders')
            .values(rows.slice(i, i + 1_000) as never)
            .execute();
        }
        after = Number(page.rows[page.rows.length - 1]!.server_seq);
      }
    },
  };
}
