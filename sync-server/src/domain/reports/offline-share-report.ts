import { sql } from 'kysely';
import { num, rowsOf, storeClause, type ReportModule } from './report-context';

/** A sale counts as offline when it reached the server more than this after the till made it. */
export const OFFLINE_AFTER_MS = 5 * 60_000;

/**
 * The share of sales, and of sales that redeemed points (a kassa-spend row of the ledger), that
 * reached the server more than 5 minutes after they were made (sales.received_at − created_at).
 */
export const offlineShareReport: ReportModule = async (ctx) => {
  const late = sql`s.received_at - s.created_at > ${OFFLINE_AFTER_MS}`;
  const [r] = await rowsOf(
    ctx,
    sql<{
      n: number | string;
      late: number | string | null;
      cents: string | null;
      lateCents: string | null;
      rn: number | string;
      rlate: number | string | null;
    }>`
      SELECT COUNT(*) AS n, SUM(CASE WHEN ${late} THEN 1 ELSE 0 END) AS late,
             CAST(SUM(s.total_cents) AS TEXT) AS cents,
             CAST(SUM(CASE WHEN ${late} THEN s.total_cents ELSE 0 END) AS TEXT) AS "lateCents",
             SUM(CASE WHEN r.server_seq IS NULL THEN 0 ELSE 1 END) AS rn,
             SUM(CASE WHEN r.server_seq IS NOT NULL AND ${late} THEN 1 ELSE 0 END) AS rlate
      FROM sales s
      LEFT JOIN (SELECT DISTINCT server_seq FROM ledger_entries WHERE program_id = 'kassa-spend' AND amount < 0) r
        ON r.server_seq = s.server_seq
      WHERE s.business_day >= ${ctx.from} AND s.business_day <= ${ctx.to} ${storeClause(ctx.storeIds, 's.store_id')}`,
  );
  const line = (what: string, all: number, offline: number) => ({
    what,
    all,
    offline,
    share: all === 0 ? 0 : offline / all,
  });
  const rows = [
    line('sales', num(r?.n), num(r?.late)),
    line('sales-cents', num(r?.cents), num(r?.lateCents)),
    line('redemptions', num(r?.rn), num(r?.rlate)),
  ];
  return {
    title: 'Offline share (reached the server more than 5 minutes late)',
    columns: [
      { key: 'what', label: 'What', unit: 'text' },
      { key: 'all', label: 'All', unit: 'count' },
      { key: 'offline', label: 'Offline', unit: 'count' },
      { key: 'share', label: 'Share', unit: 'ratio' },
    ],
    rows,
    totals: null,
    chart: { kind: 'bar', x: 'what', series: ['share'] },
  };
};
