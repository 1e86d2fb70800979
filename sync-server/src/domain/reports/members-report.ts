import { sql } from 'kysely';
import { num, rowsOf, storeClause, zoneGroups, type ReportModule } from './report-context';

/** Active members (a sale in the range) and enrolments (home store in scope) in the range. */
export const membersReport: ReportModule = async (ctx) => {
  const [active] = await rowsOf(
    ctx,
    sql<{ members: number | string; sales: number | string; all: number | string }>`
      SELECT COUNT(DISTINCT member_id) AS members, COUNT(member_id) AS sales, COUNT(*) AS "all"
      FROM sales WHERE business_day >= ${ctx.from} AND business_day <= ${ctx.to} ${storeClause(ctx.storeIds, 'store_id')}`,
  );
  let enrolled = 0;
  for (const g of zoneGroups(ctx)) {
    const [r] = await rowsOf(
      ctx,
      sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM members
        WHERE enrolled_at >= ${g.starts[0]!} AND enrolled_at < ${g.end} ${storeClause(g.storeIds, 'home_store_id')}`,
    );
    enrolled += num(r?.n);
  }
  const all = num(active?.all);
  const row = {
    activeMembers: num(active?.members),
    memberSales: num(active?.sales),
    memberShare: all === 0 ? 0 : num(active?.sales) / all,
    enrolments: enrolled,
  };
  return {
    title: 'Members',
    columns: [
      { key: 'activeMembers', label: 'Active members', unit: 'count' },
      { key: 'memberSales', label: 'Sales to members', unit: 'count' },
      { key: 'memberShare', label: 'Share of sales', unit: 'ratio' },
      { key: 'enrolments', label: 'Enrolments', unit: 'count' },
    ],
    rows: [row],
    totals: null,
    chart: null,
  };
};
