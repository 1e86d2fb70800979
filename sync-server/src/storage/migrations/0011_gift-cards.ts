import type { Kysely } from 'kysely';

/** Reserved for H4 (gift cards and store credit): the owner replaces this body. */
export function giftCardsMigration() {
  return {
    async up(_db: Kysely<unknown>): Promise<void> {},
  };
}
