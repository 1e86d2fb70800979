import { sql } from 'kysely';
import { num, rowsOf, storeClause, type ReportModule } from './report-context';

/**
 * The tier distribution: members per tier now (members.tier), by home store in scope. It is a
 * picture of today, so the range does not change it; the movements in the range (who moved from
 * which tier to which, upgrades and downgrades per tier) are the 'tier-movements' report, read
 * from the tier history (tier_changes).
 */
export const tiersReport: ReportModule = async (ctx) => {
  const rows = await rowsOf(
    ctx,
    sql<{ tier: string | null; n: number | string }>`
      SELECT tier, COUNT(*) AS n FROM members WHERE 1 = 1 ${storeClause(ctx.storeIds, 'home_store_id')}
      GROUP BY tier ORDER BY tier`,
  );
  const total = rows.reduce((a, r) => a + num(r.n), 0);
  const out = rows.map((r) => ({
    tier: r.tier ?? '(none)',
    members: num(r.n),
    share: total === 0 ? 0 : num(r.n) / total,
  }));
  return {
    title: 'Members per tier (now)',
    columns: [
      { key: 'tier', label: 'Tier', unit: 'text' },
      { key: 'members', label: 'Members', unit: 'count' },
      { key: 'share', label: 'Share', unit: 'ratio' },
    ],
    rows: out,
    totals: { tier: null, members: total, share: total === 0 ? 0 : 1 },
    chart: { kind: 'bar', x: 'tier', series: ['members'] },
  };
};
