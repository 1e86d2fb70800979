import type { Kysely } from 'kysely';

/**
 * The rewards catalogue HQ publishes (core/loyalty/reward.ts): one row per published version,
 * immutable like a program version (a change is a new version), retired by `retired_at`; a read
 * model of the feed (server_seq from the shared counter), replicated to the stores of its scope
 * (`scope_stores` JSON, null = every store). BIGINT on both dialects (SQLite's is its 64-bit integer).
 */
export function rewardsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('rewards')
        .addColumn('reward_id', 'text', (c) => c.notNull())
        .addColumn('version', 'bigint', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('scope_stores', 'text')
        .addColumn('published_at', 'bigint', (c) => c.notNull())
        .addColumn('retired_at', 'bigint')
        .addColumn('server_seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('rewards_pk', ['reward_id', 'version'])
        .execute();
      await db.schema.createIndex('rewards_feed').on('rewards').column('server_seq').execute();
    },
  };
}
