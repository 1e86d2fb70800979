import type { Kysely } from 'kysely';
import type { Dialect } from '../storage';

/** Tier history: every change of a member's tier, for the tier movements report (issue 10). */
export function tierHistoryMigration(_dialect: Dialect) {
  return {
    async up(_db: Kysely<unknown>): Promise<void> {},
  };
}
