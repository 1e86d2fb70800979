import type { Kysely } from 'kysely';
import type { Dialect } from '../storage';

/**
 * Shifts closed at the tills (issue 10, end of day): one row per `shift-close` event, folded by the
 * shifts projection. The till's own totals are kept as sent (till_totals, JSON of ShiftTotals); the
 * server's side is recomputed from the journal on read, so a seq that arrives later changes the
 * reconciliation without a refold. `status` is the last reconciliation the server wrote
 * ('reconciled' | 'differences'), `exception_id` the shift-difference raised for it.
 */
export function shiftsMigration(_dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('shifts')
        .addColumn('shift_event_id', 'text', (c) => c.primaryKey())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('business_day', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('first_seq', 'bigint', (c) => c.notNull())
        .addColumn('last_seq', 'bigint', (c) => c.notNull())
        .addColumn('opened_at', 'bigint', (c) => c.notNull())
        .addColumn('closed_at', 'bigint', (c) => c.notNull())
        .addColumn('cashier', 'text', (c) => c.notNull())
        .addColumn('till_totals', 'text', (c) => c.notNull())
        .addColumn('float_cents', 'bigint', (c) => c.notNull())
        .addColumn('counted_cash_cents', 'bigint', (c) => c.notNull())
        .addColumn('expected_cash_cents', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('differences'))
        .addColumn('exception_id', 'bigint')
        .addColumn('server_seq', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('shifts_store_day')
        .on('shifts')
        .columns(['store_id', 'business_day'])
        .execute();
      await db.schema
        .createIndex('shifts_terminal_seq')
        .on('shifts')
        .columns(['terminal_id', 'seq'])
        .execute();
    },
  };
}
