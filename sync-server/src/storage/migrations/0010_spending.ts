import type { Kysely } from 'kysely';

/** Reserved for H3 (spending ledger: coupon uses, overdrafts, returns): the owner replaces this body. */
export function spendingMigration() {
  return {
    async up(_db: Kysely<unknown>): Promise<void> {},
  };
}
