import type { Kysely } from 'kysely';

/** The rewards catalogue HQ publishes (placeholder: filled in by the work that needs it, before it is released). */
export function rewardsMigration() {
  return {
    async up(_db: Kysely<unknown>): Promise<void> {},
  };
}
