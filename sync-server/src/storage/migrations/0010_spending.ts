import type { Kysely } from 'kysely';

/**
 * What the server keeps to fold spending exactly once (issue 9), BIGINT on both dialects:
 * - `coupon_uses`: the first event that used each coupon code (a second raises `coupon-reused`;
 *   a return that restores the code deletes its row, so the code can be used once more);
 * - `overdraft_episodes`: per member below zero, the open `overdraft` exception's key and the
 *   spending events involved, so later spends join the one exception instead of raising more;
 * - `returns`: each folded return with the sale it returns from (what `kassa-server returns`
 *   lists and what the `return-exceeds-sale` check sums).
 * All three are projection state: a refold of their projection deletes and rebuilds them.
 */
export function spendingMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('coupon_uses')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('server_seq', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('overdraft_episodes')
        .addColumn('member_id', 'text', (c) => c.primaryKey())
        .addColumn('dedupe_key', 'text', (c) => c.notNull())
        .addColumn('events', 'text', (c) => c.notNull())
        .addColumn('opened_seq', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('returns')
        .addColumn('return_id', 'text', (c) => c.primaryKey())
        .addColumn('server_seq', 'bigint', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('sale_id', 'text', (c) => c.notNull())
        .addColumn('business_day', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('total_cents', 'bigint', (c) => c.notNull())
        .addColumn('member_id', 'text')
        .addColumn('lines', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('returns_sale').on('returns').column('sale_id').execute();
    },
  };
}
