import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from '../storage';

/**
 * Statements a push sends on every batch, declared so PostgreSQL prepares each once per connection
 * (postgres/preparing-client.ts) instead of parsing and planning it on every call (0.1–0.2 ms
 * each on this machine). Only a text that stays the same for any batch qualifies — no list of
 * placeholders that grows with it (`= ANY($1)`, one json parameter) — and only with explicit
 * columns: a prepared `SELECT *` fails once another server instance's migration adds a column
 * ("cached plan must not change result type"), so a text with `*` is never prepared. SQLite's
 * driver caches every statement by its text already.
 */
const names = new Map<string, string>();
/** Texts are constants of the code; the bound only guards against a text built from data. */
const MAX_PREPARED = 128;

/** SQLite's texts (`?` placeholders) are never asked for: only PostgreSQL's numbered ones are kept. */
const POSTGRES_PLACEHOLDER = /\$1(?![0-9])/;

export function declarePrepared(text: string): void {
  if (names.has(text) || names.size >= MAX_PREPARED || text.includes('*')) return;
  if (!POSTGRES_PLACEHOLDER.test(text)) return;
  names.set(text, `kassa_${names.size + 1}`);
}

/** The name a declared text is prepared under; undefined for any other text. */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}

/** Compiles a query, declares its text and runs it. */
export async function executePrepared<R>(db: Db, query: Compilable<R>): Promise<R[]> {
  const compiled: CompiledQuery<R> = query.compile();
  declarePrepared(compiled.sql);
  return (await db.executeQuery(compiled)).rows;
}
