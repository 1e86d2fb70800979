import { sql, type RawBuilder } from 'kysely';
import type { ReportResult } from '../../../../core/backoffice/api';
import { instantOfLocal } from '../../../../core/rules/local-time';
import type { Storage } from '../../storage/storage';

/** What every report is asked: the stores (undefined = every store) and a store-local day range. */
export interface ReportQuery {
  storeIds?: readonly string[];
  from: string;
  to: string;
}

export interface ReportStore {
  storeId: string;
  timeZone: string;
  currency: string;
}

/** What a report module reads: the storage, the resolved stores and the range. */
export interface ReportContext {
  storage: Storage;
  /** The stores in scope (every store when the query named none). */
  stores: ReportStore[];
  /** undefined = no store filter (the chain). */
  storeIds: readonly string[] | undefined;
  from: string;
  to: string;
}

/** The part of a ReportResult a report module computes; run-report adds the rest. */
export type ReportBody = Pick<ReportResult, 'title' | 'columns' | 'rows' | 'totals' | 'chart'>;

export interface ReportModule {
  (ctx: ReportContext): Promise<ReportBody>;
}

/** SUM as decimal text: exact on both dialects (PostgreSQL's SUM of BIGINT is NUMERIC). */
export function sumText(expr: RawBuilder<unknown>): RawBuilder<string | null> {
  return sql<string | null>`CAST(SUM(${expr}) AS TEXT)`;
}

/** A decimal text sum as a number (the report's figures stay below 2^53 for any real store). */
export function num(v: string | number | bigint | null | undefined): number {
  return v === null || v === undefined ? 0 : Number(v);
}

const DAY_MS = 86_400_000;

/** The day after a YYYY-MM-DD day. */
export function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, inclusive. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = dayAfter(d)) days.push(d);
  return days;
}

/**
 * Stores grouped by time zone, each group with the epoch start of every day of the range and the
 * end of the last: ledger rows carry an instant, not a business day, so a day range becomes
 * per-zone bounds and a row's day their dayIndex (still one aggregate query per zone).
 */
export function zoneGroups(ctx: ReportContext): { storeIds: string[]; starts: number[]; end: number }[] {
  const byZone = new Map<string, string[]>();
  for (const s of ctx.stores) byZone.set(s.timeZone, [...(byZone.get(s.timeZone) ?? []), s.storeId]);
  const days = daysOf(ctx.from, ctx.to);
  return [...byZone].map(([zone, storeIds]) => ({
    storeIds,
    starts: days.map((d) => instantOfLocal(d, zone)),
    end: instantOfLocal(dayAfter(ctx.to), zone),
  }));
}

/**
 * A ledger row's day inside the range as its place in daysOf(from, to), from the day starts of
 * zoneGroups: (created_at − start) / 24 h over each run of 24-hour days and the place itself for a
 * 23- or 25-hour day (a daylight-saving change), so a range without a change costs one integer
 * division per row, not a comparison with every day's start. Literals keep the arithmetic integer.
 */
export function dayIndex(column: string, starts: readonly number[], end: number): RawBuilder<number> {
  const runs: { first: number; fullDays: boolean }[] = [];
  starts.forEach((start, i) => {
    const fullDays = (starts[i + 1] ?? end) - start === DAY_MS;
    const last = runs[runs.length - 1];
    if (!last || !fullDays || !last.fullDays) runs.push({ first: i, fullDays });
  });
  const col = sql.ref(column);
  const place = (r: { first: number; fullDays: boolean }) =>
    r.fullDays
      ? sql`(${col} - ${sql.lit(starts[r.first]!)}) / ${sql.lit(DAY_MS)} + ${sql.lit(r.first)}`
      : sql`${sql.lit(r.first)}`;
  const last = runs[runs.length - 1]!;
  if (runs.length === 1) return sql<number>`${place(last)}`;
  const whens = runs
    .slice(0, -1)
    .map((r, k) => sql`WHEN ${col} < ${sql.lit(starts[runs[k + 1]!.first]!)} THEN ${place(r)}`);
  return sql<number>`CASE ${sql.join(whens, sql` `)} ELSE ${place(last)} END`;
}

/** `AND <column> IN (…)` for the stores asked for; nothing for the chain; never true for none. */
export function storeClause(storeIds: readonly string[] | undefined, column: string): RawBuilder<unknown> {
  if (storeIds === undefined) return sql``;
  if (storeIds.length === 0) return sql`AND 1 = 0`;
  return sql`AND ${sql.ref(column)} IN (${sql.join(storeIds.map((id) => sql`${id}`))})`;
}

/** Runs a portable SQL aggregate and returns its rows. */
export async function rowsOf<R>(ctx: ReportContext, query: RawBuilder<R>): Promise<R[]> {
  return (await query.execute(ctx.storage.db)).rows;
}
