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
 * per-zone bounds and a row's day a CASE over them (still one aggregate query per zone).
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

/** CASE created_at WHEN in day i THEN day i: a ledger row's store-local day inside the range. */
export function dayCase(
  column: string,
  days: readonly string[],
  starts: readonly number[],
): RawBuilder<string> {
  const text = (day: string) => sql`CAST(${day} AS TEXT)`;
  const last = text(days[days.length - 1]!);
  if (days.length === 1) return sql<string>`${last}`;
  const whens = starts
    .slice(1)
    .map((start, i) => sql`WHEN ${sql.ref(column)} < ${start} THEN ${text(days[i]!)}`);
  return sql<string>`CASE ${sql.join(whens, sql` `)} ELSE ${last} END`;
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
