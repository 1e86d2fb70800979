import { Migrator, type Kysely } from 'kysely';
import { migrations } from './migrations/index';
import type { Dialect } from './storage';

/**
 * Brings the database to the newest schema, or refuses to start: the applied list and this
 * server's migrations must agree (a database written by a newer server is never touched).
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: Dialect,
  /** PostgreSQL: the schema the server lives in (its migration tables live there too). */
  schema?: string,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: migrations(dialect),
    ...(schema !== undefined ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot migrate the ${dialect} database: ${why}. Refusing to start.`, { cause: error });
  }
  return (results ?? []).map((r) => r.migrationName);
}
