import type { Kysely } from 'kysely';
import type { Dialect } from '../storage';

/**
 * The back office's people (issue 10): users with a role and a slow password hash, the stores a
 * store manager may see, sessions (only the token's sha256 is stored, so a leaked table signs no
 * one in) and every sign-in attempt, right or wrong, for the lockout and for an operator to read.
 */
export function backofficeUsersMigration(_dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('backoffice_users')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('login', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('disabled_at', 'bigint')
        .execute();
      await db.schema
        .createTable('backoffice_user_stores')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('backoffice_user_stores_pk', ['user_id', 'store_id'])
        .execute();
      await db.schema
        .createTable('backoffice_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('csrf_secret', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('backoffice_signins')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('login', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('backoffice_signins_login')
        .on('backoffice_signins')
        .columns(['login', 'at'])
        .execute();
    },
  };
}
