import { CompiledQuery } from 'kysely';
import type { Db } from '../storage';
import { declarePrepared } from './prepared';

type Value = string | number | null;
export type ColumnType = 'text' | 'bigint';

/** Rows per statement at most; a larger batch is sent in several. */
const MAX_ROWS = 128;

/**
 * A multi-row INSERT for PostgreSQL as a typed VALUES list whose length is one of a few sizes — 1,
 * 2, 4, 8, then multiples of 16 up to 128 — the rows padded with NULL rows that `WHERE <first
 * column> IS NOT NULL` leaves out (the first column, the row's key, is never null in a real row).
 * So the text is one of twelve, prepared once per connection, and each value is bound as it is.
 * For the journal, whose rows carry the whole document as text, this beats one json parameter
 * (server-fold probe: ~1 ms of PostgreSQL's time per 100 events less), where PostgreSQL parses
 * every document a second time as a string inside the json; for rows of many short values (sales,
 * lines, ledger entries) the json parameter is the cheaper, node-postgres binding thousands of
 * small values slowly.
 */
export async function insertPaddedValues<R>(
  db: Db,
  table: string,
  columns: readonly { name: string; type: ColumnType }[],
  rows: readonly Value[][],
  suffix: string,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += MAX_ROWS) {
    const chunk = rows.slice(i, i + MAX_ROWS);
    const size = sizeFor(chunk.length);
    const params: Value[] = chunk.flat();
    for (let p = params.length; p < size * columns.length; p++) params.push(null);
    const text = valuesText(table, columns, size, suffix);
    declarePrepared(text);
    out.push(...(await db.executeQuery<R>(CompiledQuery.raw(text, params))).rows);
  }
  return out;
}

function sizeFor(n: number): number {
  if (n <= 16) return n <= 1 ? 1 : n <= 2 ? 2 : n <= 4 ? 4 : n <= 8 ? 8 : 16;
  return Math.ceil(n / 16) * 16;
}

/** One text per (table, columns, size, suffix): built once, then looked up. */
const texts = new Map<string, string>();

function valuesText(
  table: string,
  columns: readonly { name: string; type: ColumnType }[],
  size: number,
  suffix: string,
): string {
  const names = columns.map((c) => c.name);
  const key = `${table}\u0000${names.join(',')}\u0000${size}\u0000${suffix}`;
  const known = texts.get(key);
  if (known !== undefined) return known;
  let n = 0;
  const tuple = () => `(${columns.map((c) => `$${++n}::${c.type}`).join(', ')})`;
  const tuples = Array.from({ length: size }, tuple).join(', ');
  const text = `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.map((c) => `v.${c}`).join(', ')} FROM (VALUES ${tuples}) v (${names.join(', ')}) WHERE v.${names[0] as string} IS NOT NULL ${suffix}`;
  texts.set(key, text);
  return text;
}
