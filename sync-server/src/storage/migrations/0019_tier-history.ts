import type { Kysely } from 'kysely';
import type { Dialect } from '../storage';

/**
 * Tier history (issue 10): one row per change of a member's tier, written in the transaction that
 * changes `members.tier` (the tier job, a member import), so the reports can count movements.
 * - `store_id` and `business_day` are the member's home store and that store's local day of the
 *   change, as the report's store scope and day range read them (no join, no zone arithmetic).
 * - `from_rank`/`to_rank` are the tiers' places on the ladder in force when it changed (0 = the
 *   first level); null where no ladder names the tier (no tier, or a tier HQ set outside any ladder),
 *   so an upgrade stays an upgrade after the ladder is edited.
 * - `source`: 'tier-job' or 'member-import'.
 * Nothing to backfill: before this table the server kept no history.
 */
export function tierHistoryMigration(_dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('tier_changes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('from_tier', 'text')
        .addColumn('to_tier', 'text')
        .addColumn('from_rank', 'integer')
        .addColumn('to_rank', 'integer')
        .addColumn('changed_at', 'bigint', (c) => c.notNull())
        .addColumn('business_day', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .execute();
      // A store manager's range (store_id IN …, day BETWEEN …) and the chain's (day BETWEEN …).
      await db.schema
        .createIndex('tier_changes_store_day')
        .on('tier_changes')
        .columns(['store_id', 'business_day'])
        .execute();
      await db.schema
        .createIndex('tier_changes_day')
        .on('tier_changes')
        .columns(['business_day', 'store_id'])
        .execute();
      await db.schema
        .createIndex('tier_changes_member')
        .on('tier_changes')
        .columns(['member_id', 'changed_at'])
        .execute();
    },
  };
}
