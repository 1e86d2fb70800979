import type { Kysely } from 'kysely';
import type { Dialect } from '../storage';

/**
 * Revoked terminal credentials (issue 11): one row per revoked terminal, with who revoked it, when
 * and why, for an operator to read later. A row is never deleted: a revoked till pairs again and
 * gets a new terminal id, so the old (possibly cloned) token stays refused for good.
 */
export function terminalRevocationMigration(_dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('terminal_revocations')
        .addColumn('terminal_id', 'text', (c) => c.primaryKey())
        .addColumn('revoked_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_by', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
