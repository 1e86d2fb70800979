import { sql } from 'kysely';
import { num, rowsOf, storeClause, type ReportModule } from './report-context';

/** Per business day: sales, their total, the discounts given and the average basket. */
export const salesReport: ReportModule = async (ctx) => {
  const rows = await rowsOf(
    ctx,
    sql<{ day: string; n: number | string; total: string | null; discounts: string | null }>`
      SELECT business_day AS day, COUNT(*) AS n, CAST(SUM(total_cents) AS TEXT) AS total,
             CAST(SUM(discount_cents) AS TEXT) AS discounts
      FROM sales WHERE business_day >= ${ctx.from} AND business_day <= ${ctx.to} ${storeClause(ctx.storeIds, 'store_id')}
      GROUP BY business_day ORDER BY business_day`,
  );
  const line = (day: string | null, n: number, total: number, discounts: number) => ({
    day,
    sales: n,
    totalCents: total,
    discountCents: discounts,
    averageCents: n === 0 ? 0 : Math.round(total / n),
  });
  const out = rows.map((r) => line(r.day, num(r.n), num(r.total), num(r.discounts)));
  const sum = (k: 'sales' | 'totalCents' | 'discountCents') => out.reduce((a, r) => a + r[k], 0);
  return {
    title: 'Sales per business day',
    columns: [
      { key: 'day', label: 'Day', unit: 'day' },
      { key: 'sales', label: 'Sales', unit: 'count' },
      { key: 'totalCents', label: 'Total', unit: 'cents' },
      { key: 'discountCents', label: 'Discounts', unit: 'cents' },
      { key: 'averageCents', label: 'Average basket', unit: 'cents' },
    ],
    rows: out,
    totals: line(null, sum('sales'), sum('totalCents'), sum('discountCents')),
    chart: { kind: 'line', x: 'day', series: ['totalCents'] },
  };
};
