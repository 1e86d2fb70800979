import { sql } from 'kysely';
import { TENDER_METHODS } from '../../../../core/journal/spend';
import { num, rowsOf, storeClause, type ReportModule } from './report-context';

/** What the sales were paid with: cash, card, points, gift card (sale_tenders, migration 0016). */
export const tendersReport: ReportModule = async (ctx) => {
  const rows = await rowsOf(
    ctx,
    sql<{ tender: string; n: number | string; cents: string | null; points: string | null }>`
      SELECT tender, COUNT(*) AS n, CAST(SUM(cents) AS TEXT) AS cents, CAST(SUM(points) AS TEXT) AS points
      FROM sale_tenders WHERE business_day >= ${ctx.from} AND business_day <= ${ctx.to} ${storeClause(ctx.storeIds, 'store_id')}
      GROUP BY tender`,
  );
  const by = new Map(rows.map((r) => [r.tender, r]));
  const total = rows.reduce((a, r) => a + num(r.cents), 0);
  // Every kind is listed, 0 when unused, in the fixed order a manager knows; unknown kinds after.
  const kinds = [
    ...TENDER_METHODS,
    ...rows.map((r) => r.tender).filter((t) => !TENDER_METHODS.includes(t as never)),
  ];
  const out = kinds.map((tender) => {
    const r = by.get(tender);
    const cents = num(r?.cents);
    return {
      tender,
      payments: num(r?.n),
      cents,
      points: num(r?.points),
      share: total === 0 ? 0 : cents / total,
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
