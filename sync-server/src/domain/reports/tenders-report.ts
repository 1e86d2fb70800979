import { sql } from 'kysely';
import { TENDER_METHODS } from '../../../../core/journal/spend';
import { num, rowsOf, storeClause, type ReportModule } from './report-context';

/** What the sales were paid with: cash, card, points, gift card (sale_tenders, migration 0016). */
export const tendersReport: ReportModule = async (ctx) => {
  // Per day and tender, the order of the sale_tenders(business_day, tender, …) index (migration
  // 0018): SQLite aggregates it without sorting the range's rows; the days are summed here.
  const rows = await rowsOf(
    ctx,
    sql<{ tender: string; n: number | string; cents: string | null; points: string | null }>`
      SELECT tender, COUNT(*) AS n, CAST(SUM(cents) AS TEXT) AS cents, CAST(SUM(points) AS TEXT) AS points
      FROM sale_tenders WHERE business_day >= ${ctx.from} AND business_day <= ${ctx.to} ${storeClause(ctx.storeIds, 'store_id')}
      GROUP BY business_day, tender`,
  );
  const by = new Map<string, { n: number; cents: number; points: number }>();
  for (const r of rows) {
    const f = by.get(r.tender) ?? { n: 0, cents: 0, points: 0 };
    f.n += num(r.n);
    f.cents += num(r.cents);
    f.points += num(r.points);
    by.set(r.tender, f);
  }
  const total = [...by.values()].reduce((a, f) => a + f.cents, 0);
  // Every kind is listed, 0 when unused, in the fixed order a manager knows; unknown kinds after.
  const kinds = [
    ...TENDER_METHODS,
    ...[...by.keys()].filter((t) => !TENDER_METHODS.includes(t as never)).sort(),
  ];
  const out = kinds.map((tender) => {
    const f = by.get(tender) ?? { n: 0, cents: 0, points: 0 };
    return {
      tender,
      payments: f.n,
      cents: f.cents,
      points: f.points,
      share: total === 0 ? 0 : f.cents / total,
    };
  });
  return {
    title: 'Tenders',
    columns: [
      { key: 'tender', label: 'Tender', unit: 'text' },
      { key: 'payments', label: 'Payments', unit: 'count' },
      { key: 'cents', label: 'Amount', unit: 'cents' },
      { key: 'points', label: 'Points paid', unit: 'points' },
      { key: 'share', label: 'Share', unit: 'ratio' },
    ],
    rows: out,
    totals: {
      tender: null,
      payments: out.reduce((a, r) => a + r.payments, 0),
      cents: total,
      points: out.reduce((a, r) => a + r.points, 0),
      share: total === 0 ? 0 : 1,
    },
    chart: { kind: 'pie', x: 'tender', series: ['cents'] },
  };
};
