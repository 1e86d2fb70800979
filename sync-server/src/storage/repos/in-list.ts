import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../storage';

/**
 * `column IN (…)` on SQLite (and where the dialect is not known); `column = ANY($1)` on PostgreSQL: one array parameter, so the text is
 * the same for any number of values (it can be prepared) and PostgreSQL parses no list of hundreds
 * of placeholders.
 */
export function inList(
  dialect: Dialect | undefined,
  column: string,
  values: readonly (string | number)[],
): RawBuilder<boolean> {
  return dialect === 'postgres'
    ? sql<boolean>`${sql.ref(column)} = ANY(${values})`
    : sql<boolean>`${sql.ref(column)} IN (${sql.join(values)})`;
}
