import type { Kysely } from 'kysely';
import type { Dialect } from '../storage';

/**
 * Sync status per till (issue 10): what the till said with its last push.
 * - `pending_reported`: events waiting on the till (journal docs it had not seen acknowledged),
 *   and `pending_reported_at` when it said so; null for a till that never reported (an old client).
 * - `clock_skew_ms`: server receive time minus the `createdAt` of the newest event of the last
 *   push that carried one (positive = the till's clock is behind, or the event waited).
 */
export function syncStatusMigration(_dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const col of ['pending_reported', 'pending_reported_at', 'clock_skew_ms'])
        await db.schema.alterTable('terminals').addColumn(col, 'bigint').execute();
    },
  };
}
