import { sql } from 'kysely';
import { num, rowsOf, storeClause, zoneGroups, type ReportModule } from './report-context';
import { newestPrograms, pointValues } from './ledger-kinds';

/**
 * What loyalty cost, per program and store: the points earned in the range at the program's
 * redemption value, and per store the discounts its sales gave (rewards, coupons, rule discounts:
 * sales.discount_cents, which the sale does not split by program) as the row `(discounts)`.
 */
export const programCostReport: ReportModule = async (ctx) => {
  const value = pointValues(await newestPrograms(ctx));
  const out: {
    program: string;
    storeId: string;
    points: number;
    pointsCents: number;
    discountCents: number;
  }[] = [];
  for (const g of zoneGroups(ctx)) {
    const rows = await rowsOf(
      ctx,
      sql<{ program: string; store: string; points: string | null }>`
        SELECT program_id AS program, store_id AS store, CAST(SUM(amount) AS TEXT) AS points FROM ledger_entries
        WHERE account = 'points' AND rule_id <> 'expiry' AND program_id NOT IN ('kassa-spend', 'kassa-adjust')
          AND created_at >= ${g.starts[0]!} AND created_at < ${g.end} ${storeClause(g.storeIds, 'store_id')}
        GROUP BY 1, 2`,
    );
    for (const r of rows) {
      const points = num(r.points);
      out.push({
        program: r.program,
        storeId: r.store,
        points,
        pointsCents: Math.round(points * value(r.program)),
        discountCents: 0,
      });
    }
  }
  // Per day and store, the order of sales(business_day, store_id, …) (migration 0018): no sort of
  // the range's sales; the days are summed here.
  const discounts = await rowsOf(
    ctx,
    sql<{ store: string; cents: string | null }>`
      SELECT store_id AS store, CAST(SUM(discount_cents) AS TEXT) AS cents FROM sales
      WHERE business_day >= ${ctx.from} AND business_day <= ${ctx.to} ${storeClause(ctx.storeIds, 'store_id')}
      GROUP BY business_day, store_id`,
  );
  const byStore = new Map<string, number>();
  for (const d of discounts) byStore.set(d.store, (byStore.get(d.store) ?? 0) + num(d.cents));
  for (const [storeId, cents] of byStore) {
    out.push({ program: '(discounts)', storeId, points: 0, pointsCents: 0, discountCents: cents });
  }
  out.sort((a, b) =>
    a.program === b.program ? (a.storeId < b.storeId ? -1 : 1) : a.program < b.program ? -1 : 1,
  );
  const rows = out.map((r) => ({ ...r, costCents: r.pointsCents + r.discountCents }));
  const sum = (k: 'points' | 'pointsCents' | 'discountCents' | 'costCents') =>
    rows.reduce((a, r) => a + r[k], 0);
  return {
    title: 'Program cost',
    columns: [
      { key: 'program', label: 'Program', unit: 'text' },
      { key: 'storeId', label: 'Store', unit: 'text' },
      { key: 'points', label: 'Points issued', unit: 'points' },
      { key: 'pointsCents', label: 'Points value', unit: 'cents' },
      { key: 'discountCents', label: 'Discounts', unit: 'cents' },
      { key: 'costCents', label: 'Cost', unit: 'cents' },
    ],
    rows,
    totals: {
      program: null,
      storeId: null,
      points: sum('points'),
      pointsCents: sum('pointsCents'),
      discountCents: sum('discountCents'),
      costCents: sum('costCents'),
    },
    chart: { kind: 'bar', x: 'program', series: ['costCents'] },
  };
};
