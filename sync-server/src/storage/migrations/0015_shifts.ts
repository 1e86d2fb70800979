import type { Kysely } from 'kysely';
import type { Dialect } from '../storage';

/** Placeholder reserved for issue 10; its owner fills it in. */
export function shiftsMigration(_dialect: Dialect) {
  return {
    async up(_db: Kysely<unknown>): Promise<void> {},
  };
}
