import { sql, type Kysely } from 'kysely';

/**
 * Card number ranges allocated per till, so two tills never issue the same number (issue 8).
 * A block is a run of serials of one card format (core/loyalty/card-range.ts) held by one
 * terminal. Blocks never overlap: they are cut from a per-format counter row
 * (`card_serial:<format>` in `counters`, added on first use) with `UPDATE … RETURNING`, which
 * serialises concurrent allocations on PostgreSQL across server instances until commit; the
 * primary key (format, first serial) refuses a second block at the same start should anything
 * else ever write here. `issued` counts the numbers the enrolment projection saw the till issue.
 * BIGINT on both dialects: a 15-digit serial does not fit PostgreSQL's integer (SQLite's BIGINT
 * is its 64-bit integer).
 */
export function cardRangesMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('card_ranges')
        .addColumn('format_id', 'text', (c) => c.notNull())
        .addColumn('first_serial', 'bigint', (c) => c.notNull())
        .addColumn('last_serial', 'bigint', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('allocated_at', 'bigint', (c) => c.notNull())
        .addColumn('issued', 'bigint', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('card_ranges_pk', ['format_id', 'first_serial'])
        .addCheckConstraint('card_ranges_order', sql`first_serial <= last_serial`)
        .execute();
      await db.schema
        .createIndex('card_ranges_terminal')
        .on('card_ranges')
        .columns(['terminal_id', 'format_id', 'first_serial'])
        .execute();
    },
  };
}
