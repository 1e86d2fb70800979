import type { Kysely } from 'kysely';

/** Reserved for H8 (store offline policy, managers): the owner replaces this body. */
export function storePolicyMigration() {
  return {
    async up(_db: Kysely<unknown>): Promise<void> {},
  };
}
