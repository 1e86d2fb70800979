import type { Kysely } from 'kysely';

/**
 * Server-held secrets (the member-app code key), shared by every server instance through the
 * database. One row per generation of a named secret: (name, generation) is the key, so two
 * instances creating the first one at once insert the same row and one of them loses, and a
 * rotation is the next generation. The secret is base64url text (same in both dialects).
 */
export function serverSecretsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('server_secrets')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('generation', 'integer', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull().unique())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('server_secrets_pk', ['name', 'generation'])
        .execute();
    },
  };
}
