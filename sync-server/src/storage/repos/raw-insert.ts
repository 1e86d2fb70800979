import { CompiledQuery } from 'kysely';
import type { Db, Dialect } from '../storage';
import { chunksFor } from './chunks';
import { declarePrepared } from './prepared';

type Value = string | number | null;

/**
 * A multi-row INSERT written by hand: on the push's hot path (journal, sales, sale lines), Kysely's
 * builder spent more time turning thousands of values into operation nodes than SQLite spent
 * running the statement (server-fold bench: 1.2× the events/s with this). SQLite gets a VALUES list
 * of placeholders; PostgreSQL the rows as one json parameter (see `postgresInsertText`).
 */
export async function insertRows<R>(
  db: Db,
  dialect: Dialect,
  table: string,
  columns: readonly string[],
  rows: readonly Value[][],
  suffix = '',
): Promise<R[]> {
  if (rows.length === 0) return [];
  const params: Value[] = [];
  return run<R>(db, dialect, insertText({ table, columns, rows, suffix }, params, dialect), params);
}

/**
 * On PostgreSQL an insert's text is the same for any number of rows: prepared once per connection
 * (repos/prepared.ts).
 */
async function run<R>(db: Db, dialect: Dialect, text: string, params: Value[]): Promise<R[]> {
  if (dialect === 'postgres') declarePrepared(text);
  return (await db.executeQuery<R>(CompiledQuery.raw(text, params))).rows;
}

/** One table's part of `insertTogether`. */
export interface RowsInto {
  table: string;
  columns: readonly string[];
  rows: readonly Value[][];
  suffix?: string;
  /**
   * A last column whose value is SQL over one of the row's own values (bound once more as `$v`),
   * e.g. a scalar subquery: `(SELECT received_at FROM journal WHERE server_seq = $v)`.
   */
  computed?: { column: string; sql: string; from: number };
}

/** Above this many bound values `insertTogether` sends one statement per table instead. */
const MAX_TOGETHER_PARAMS = 30_000;

/**
 * Several multi-row INSERTs in one round trip on PostgreSQL: data-modifying CTEs
 * (`WITH a AS (INSERT …), b AS (INSERT …) INSERT …`), all or nothing as one statement. No part
 * may read another's rows (a CTE sees the snapshot before the statement). SQLite, where a
 * statement costs no round trip, and a part too large for one statement get one INSERT (chunk)
 * each, as before.
 */
export async function insertTogether(db: Db, dialect: Dialect, parts: readonly RowsInto[]): Promise<void> {
  const present = parts.filter((p) => p.rows.length > 0);
  const width = (p: RowsInto) => p.columns.length + (p.computed ? 1 : 0);
  const total = present.reduce((n, p) => n + p.rows.length * width(p), 0);
  if (dialect === 'postgres' && present.length > 1 && total <= MAX_TOGETHER_PARAMS) {
    const params: Value[] = [];
    const texts = present.map((p) => insertText(p, params, dialect));
    const last = texts.pop() as string;
    await run<unknown>(
      db,
      dialect,
      `WITH ${texts.map((t, i) => `w${i} AS (${t})`).join(', ')} ${last}`,
      params,
    );
    return;
  }
  for (const p of present) {
    for (const chunk of chunksFor(p.rows, width(p))) {
      const params: Value[] = [];
      await run<unknown>(db, dialect, insertText({ ...p, rows: chunk }, params, dialect), params);
    }
  }
}

function insertText(p: RowsInto, params: Value[], dialect: Dialect): string {
  if (dialect === 'postgres') return postgresInsertText(p, params);
  const values = p.rows.map((r) => {
    const slots = r.map((v) => {
      params.push(v);
      return '?';
    });
    if (p.computed) {
      params.push(r[p.computed.from] as Value);
      slots.push(p.computed.sql.replace('$v', '?'));
    }
    return `(${slots.join(', ')})`;
  });
  const columns = p.computed ? [...p.columns, p.computed.column] : p.columns;
  return `INSERT INTO ${p.table} (${columns.join(', ')}) VALUES ${values.join(', ')}${p.suffix ? ` ${p.suffix}` : ''}`;
}

/**
 * PostgreSQL: the rows travel as ONE json parameter, read back typed by the table's own row type
 * (`json_populate_recordset(NULL::table, …)`). The statement's text is then the same for any
 * number of rows: PostgreSQL parses and plans a few hundred bytes instead of a VALUES list of
 * thousands of placeholders (the sales of a 100-event push: 4,300 values, most of the push's
 * time in the database), and node-postgres binds one value instead of thousands. A key missing
 * from a row's object (an undefined value) reads as NULL, as an unbound placeholder did.
 */
function postgresInsertText(p: RowsInto, params: Value[]): string {
  params.push(JSON.stringify(p.rows.map((r) => rowObject(p.columns, r))));
  const json = `$${params.length}::json`;
  const read = p.columns.map((c) => `r.${c}`);
  const columns = [...p.columns];
  if (p.computed) {
    const from = `r.${p.columns[p.computed.from] as string}`;
    read.push(p.computed.sql.replace('$v', () => from));
    columns.push(p.computed.column);
  }
  return `INSERT INTO ${p.table} (${columns.join(', ')}) SELECT ${read.join(', ')} FROM json_populate_recordset(NULL::${p.table}, ${json}) r${p.suffix ? ` ${p.suffix}` : ''}`;
}

function rowObject(columns: readonly string[], row: readonly Value[]): Record<string, Value> {
  const o: Record<string, Value> = {};
  for (let i = 0; i < columns.length; i++) o[columns[i] as string] = row[i] as Value;
  return o;
}

/**
 * A multi-row UPDATE written by hand, for the same reason. SQLite: `WITH v (key, columns…) AS
 * (VALUES …) UPDATE table SET column = v.column … FROM v WHERE table.key = v.key`; PostgreSQL: the
 * rows as one json parameter typed by the table's row type, as `insertRows` does. Each row's key
 * must be unique (two source rows for one target row are undefined).
 */
export async function updateRows<R>(
  db: Db,
  dialect: Dialect,
  table: string,
  key: string,
  columns: readonly string[],
  rows: readonly Value[][],
  returning: string,
): Promise<R[]> {
  if (rows.length === 0) return [];
  const names = [key, ...columns];
  const set = columns.map((c) => `${c} = v.${c}`).join(', ');
  const where = `WHERE ${table}.${key} = v.${key} RETURNING ${returning}`;
  if (dialect === 'postgres') {
    const json = JSON.stringify(rows.map((r) => rowObject(names, r)));
    const text = `UPDATE ${table} SET ${set} FROM json_populate_recordset(NULL::${table}, $1::json) v ${where}`;
    return run<R>(db, dialect, text, [json]);
  }
  const values = rows.map((r) => `(${r.map(() => '?').join(', ')})`);
  const params = rows.flat();
  const text = `WITH v (${names.join(', ')}) AS (VALUES ${values.join(', ')}) UPDATE ${table} SET ${set} FROM v ${where}`;
  return run<R>(db, dialect, text, params);
}
