import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../storage';

/**
 * The first schema predates Kysely: it was two hand-written SQL files, one per dialect, applied by
 * our own runner (table `schema_migrations`). Forward-only means it is never edited, so it stays
 * as it was and runs as it was. A database that the old runner already migrated is adopted: the
 * file is not run again (its tables are there), and a database the old runner marked with
 * anything else is refused.
 */
export function initialMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const legacy = await legacyApplied(db, dialect);
      if (legacy !== undefined) {
        const unknown = legacy.filter((name) => name !== '0001_initial.sql');
        if (unknown.length > 0) {
          throw new Error(
            `Database has migration ${unknown.join(', ')} that this server does not know: it was written by a newer server. Refusing to start.`,
          );
        }
        if (legacy.length === 1) return;
      }
      const file = new URL(`./0001_initial.${dialect}.sql`, import.meta.url);
      // One statement at a time: SQLite prepares a single statement per call.
      for (const statement of statementsOf(readFileSync(file, 'utf8'))) await sql.raw(statement).execute(db);
    },
  };
}

async function legacyApplied(db: Kysely<unknown>, dialect: Dialect): Promise<string[] | undefined> {
  const exists =
    dialect === 'sqlite'
      ? await sql<{
          n: number;
        }>`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`.execute(
          db,
        )
      : await sql<{
          n: number;
        }>`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'`.execute(
          db,
        );
  if (Number(exists.rows[0]?.n ?? 0) === 0) return undefined;
  const rows = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY version`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** The file's statements (it has no semicolon inside a string or a comment). */
function statementsOf(text: string): string[] {
  return text
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
