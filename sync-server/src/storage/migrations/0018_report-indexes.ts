import type { Kysely } from 'kysely';
import type { Dialect } from '../storage';

/**
 * Covering indexes for the chain-wide report scans (issue 10). The 0016 indexes lead with the store,
 * so a report over every store (no store filter) read the wide tables row by row. Each index here
 * leads with the column the range constrains and holds every column its reports read, so a report
 * reads the index alone (SQLite: COVERING INDEX), in the order its GROUP BY wants where it can:
 * - sales(business_day, store_id, total_cents, discount_cents, member_id): sales, members and the
 *   discounts of program cost (not received_at: an indexed column cannot be dropped in SQLite, and
 *   the 0016 backfill test drops it to replay that migration).
 * - sale_tenders(business_day, tender, store_id, cents, points): grouped per day and tender without
 *   a sort.
 * - ledger_entries(account, created_at, …): points and program cost over the range's instants.
 * - ledger_entries(account, status, program_id, rule_id, …): the liability sums the whole points
 *   history before the range end per status, program and rule; in this order without a sort. Status
 *   leads so that program cost (per program and store, over the range) is not read in program order
 *   through it: SQLite's planner would then scan the whole history to save the sort.
 * The 0016 indexes, led by the store, stay for the one-store reports.
 */
export function reportIndexesMigration(_dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('sales_day_cover')
        .on('sales')
        .columns(['business_day', 'store_id', 'total_cents', 'discount_cents', 'member_id'])
        .execute();
      await db.schema
        .createIndex('sale_tenders_day_tender')
        .on('sale_tenders')
        .columns(['business_day', 'tender', 'store_id', 'cents', 'points'])
        .execute();
      await db.schema
        .createIndex('ledger_points_created')
        .on('ledger_entries')
        .columns(['account', 'created_at', 'store_id', 'program_id', 'rule_id', 'status', 'amount'])
        .execute();
      await db.schema
        .createIndex('ledger_points_status')
        .on('ledger_entries')
        .columns(['account', 'status', 'program_id', 'rule_id', 'created_at', 'store_id', 'amount'])
        .execute();
    },
  };
}
