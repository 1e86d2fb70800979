/**
 * The little each SQL adapter must supply: run a statement with `?` placeholders. The PostgreSQL
 * executor rewrites them to $1…$n; the SQLite executor caches prepared statements by text.
 */
export type SqlValue = string | number | null;

export interface SqlExecutor {
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
}
