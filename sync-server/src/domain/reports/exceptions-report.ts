import { sql } from 'kysely';
import { num, rowsOf, storeClause, type ReportModule } from './report-context';

/** Exceptions per kind with a business day in the range: how many, how many open, what is at stake. */
export const exceptionsReport: ReportModule = async (ctx) => {
  const rows = await rowsOf(
    ctx,
    sql<{
      kind: string;
      n: number | string;
      open: number | string | null;
      points: string | null;
      cents: string | null;
    }>`
      SELECT kind, COUNT(*) AS n, SUM(CASE WHEN status = 'resolved' THEN 0 ELSE 1 END) AS open,
             CAST(SUM(points_at_stake) AS TEXT) AS points, CAST(SUM(cents_at_stake) AS TEXT) AS cents
      FROM exceptions WHERE business_day >= ${ctx.from} AND business_day <= ${ctx.to} ${storeClause(ctx.storeIds, 'store_id')}
      GROUP BY kind ORDER BY kind`,
  );
  const out = rows.map((r) => ({
    kind: r.kind,
    count: num(r.n),
    open: num(r.open),
    pointsAtStake: num(r.points),
    centsAtStake: num(r.cents),
  }));
  const sum = (k: 'count' | 'open' | 'pointsAtStake' | 'centsAtStake') => out.reduce((a, r) => a + r[k], 0);
  return {
    title: 'Exceptions',
    columns: [
      { key: 'kind', label: 'Kind', unit: 'text' },
      { key: 'count', label: 'Count', unit: 'count' },
      { key: 'open', label: 'Not resolved', unit: 'count' },
      { key: 'pointsAtStake', label: 'Points at stake', unit: 'points' },
      { key: 'centsAtStake', label: 'Value at stake', unit: 'cents' },
    ],
    rows: out,
    totals: {
      kind: null,
      count: sum('count'),
      open: sum('open'),
      pointsAtStake: sum('pointsAtStake'),
      centsAtStake: sum('centsAtStake'),
    },
    chart: { kind: 'bar', x: 'kind', series: ['count'] },
  };
};
