import type { Kysely } from 'kysely';

/**
 * Who referred whom (issue 8, "refer a friend"): one row per referred member, written by the
 * enrolment projection when an enrolment's referral code names another member, read by the
 * referral credit (domain/referrals) that rewards both sides on the referee's first purchase.
 * `credited_at` is when that was done (null while the referee has not bought): the pending rows
 * are what the credit looks at, so they have an index. BIGINT on both dialects.
 */
export function referralsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('referrals')
        .addColumn('referee_id', 'text', (c) => c.primaryKey())
        .addColumn('referrer_id', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('referred_at', 'bigint', (c) => c.notNull())
        .addColumn('enrolment_id', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('credited_at', 'bigint')
        .execute();
      await db.schema.createIndex('referrals_referrer').on('referrals').column('referrer_id').execute();
      await db.schema
        .createIndex('referrals_pending')
        .on('referrals')
        .columns(['credited_at', 'referee_id'])
        .execute();
    },
  };
}
