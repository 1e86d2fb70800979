import type { Kysely } from 'kysely';
import type { Dialect } from '../storage';

/** Placeholder reserved for issue 10; its owner fills it in. */
export function syncStatusMigration(_dialect: Dialect) {
  return {
    async up(_db: Kysely<unknown>): Promise<void> {},
  };
}
