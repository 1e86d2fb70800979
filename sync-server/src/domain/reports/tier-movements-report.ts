import { sql } from 'kysely';
import { num, rowsOf, storeClause, type ReportContext, type ReportModule } from './report-context';

const NONE = '(none)';
const fromKey = (tier: string) => `from:${tier}`;

type Count = number | string;

/** `WHERE` of every query: changes on a day of the range, of members whose home store is in scope. */
const inRange = (ctx: ReportContext) =>
  sql`business_day >= ${ctx.from} AND business_day <= ${ctx.to} ${storeClause(ctx.storeIds, 'store_id')}`;

/**
 * Tier movements in the range, from the tier history (tier_changes: every change the tier job or a
 * member import made, on the home store's local day). One row per tier members moved into, in
 * ladder order ('(none)' first): `reached` members who moved into it, of them `upgrades` from
 * a lower tier and `downgrades` from a higher one (ranks of the ladder in force then; a first tier,
 * from none, is neither), then one column per tier they came from — the members per (from → to)
 * pair. The totals row counts members, not moves: each distinct member once (one who went up and
 * down again counts in both), and under each "from" column the members who left that tier.
 * Every figure is a COUNT(DISTINCT member_id) in the database.
 */
export const tierMovementsReport: ReportModule = async (ctx) => {
  const pairs = await rowsOf(
    ctx,
    sql<{ to_tier: string | null; from_tier: string | null; n: Count }>`
      SELECT to_tier, from_tier, COUNT(DISTINCT member_id) AS n FROM tier_changes
      WHERE ${inRange(ctx)} GROUP BY to_tier, from_tier`,
  );
  const into = await rowsOf(
    ctx,
    sql<{ tier: string | null; min_rank: Count | null; reached: Count; up: Count; down: Count }>`
      SELECT to_tier AS tier, MIN(to_rank) AS min_rank, COUNT(DISTINCT member_id) AS reached,
        COUNT(DISTINCT CASE WHEN to_rank > from_rank THEN member_id END) AS up,
        COUNT(DISTINCT CASE WHEN to_rank < from_rank THEN member_id END) AS down
      FROM tier_changes WHERE ${inRange(ctx)} GROUP BY to_tier`,
  );
  const outOf = await rowsOf(
    ctx,
    sql<{ tier: string | null; min_rank: Count | null; left: Count }>`
      SELECT from_tier AS tier, MIN(from_rank) AS min_rank, COUNT(DISTINCT member_id) AS "left"
      FROM tier_changes WHERE ${inRange(ctx)} GROUP BY from_tier`,
  );
  const [all] = await rowsOf(
    ctx,
    sql<{ moved: Count; up: Count; down: Count }>`
      SELECT COUNT(DISTINCT member_id) AS moved,
        COUNT(DISTINCT CASE WHEN to_rank > from_rank THEN member_id END) AS up,
        COUNT(DISTINCT CASE WHEN to_rank < from_rank THEN member_id END) AS down
      FROM tier_changes WHERE ${inRange(ctx)}`,
  );

  // Every tier seen, in ladder order: none first, then by rank, then a tier no ladder ranks, by name.
  const rank = new Map<string, number>();
  for (const r of [...into, ...outOf]) {
    const name = r.tier ?? NONE;
    const at = r.tier === null ? -1 : r.min_rank === null ? Infinity : num(r.min_rank);
    rank.set(name, Math.min(rank.get(name) ?? Infinity, at));
  }
  const ordered = [...rank.keys()].sort((a, b) => rank.get(a)! - rank.get(b)! || (a < b ? -1 : 1));
  const intoBy = new Map(into.map((r) => [r.tier ?? NONE, r]));
  const tiers = ordered.filter((t) => intoBy.has(t));
  const froms = ordered.filter((t) => outOf.some((r) => (r.tier ?? NONE) === t));
  const pairBy = new Map(pairs.map((p) => [`${p.from_tier ?? NONE}\u0000${p.to_tier ?? NONE}`, num(p.n)]));

  const rows = tiers.map((tier) => {
    const r = intoBy.get(tier);
    const row: Record<string, string | number | null> = {
      tier,
      reached: num(r?.reached),
      upgrades: num(r?.up),
      downgrades: num(r?.down),
    };
    for (const from of froms) row[fromKey(from)] = pairBy.get(`${from}\u0000${tier}`) ?? 0;
    return row;
  });
  const totals: Record<string, string | number | null> = {
    tier: null,
    reached: num(all?.moved),
    upgrades: num(all?.up),
    downgrades: num(all?.down),
  };
  for (const r of outOf) totals[fromKey(r.tier ?? NONE)] = num(r.left);

  return {
    title: 'Tier movements (members per move)',
    columns: [
      { key: 'tier', label: 'Tier', unit: 'text' },
      { key: 'reached', label: 'Reached', unit: 'count' },
      { key: 'upgrades', label: 'Upgrades', unit: 'count' },
      { key: 'downgrades', label: 'Downgrades', unit: 'count' },
      // "Silver →": members who came from Silver; the arrow reads the same in every language.
      ...froms.map((from) => ({ key: fromKey(from), label: `${from} →`, unit: 'count' as const })),
    ],
    rows,
    totals,
    chart: { kind: 'bar', x: 'tier', series: ['upgrades', 'downgrades'] },
  };
};
