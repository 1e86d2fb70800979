/**
 * Splits rows so one statement never binds more than MAX_PARAMS values: SQLite allows 32,766 and
 * PostgreSQL 65,535; staying far below keeps statements small and plans cacheable.
 */
export const MAX_PARAMS = 8_000;

export function chunksFor<T>(rows: readonly T[], paramsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / paramsPerRow));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
