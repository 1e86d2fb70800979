import { sql } from 'kysely';
import { num, rowsOf, storeClause, zoneGroups, type ReportModule } from './report-context';
import { ledgerKind, newestPrograms, pointValues } from './ledger-kinds';

/**
 * What the points still owed are worth, at the end of the range: per program the points earned
 * and not yet spent or expired, posted apart from pending, valued at the program's redemption rate
 * (pointsPerUnit points pay unitCents). Spends are not per program (kassa-spend), so they are
 * taken off in a row of their own; the redemption rate is redeemed / issued within the range.
 */
export const liabilityReport: ReportModule = async (ctx) => {
  const value = pointValues(await newestPrograms(ctx));
  const by = new Map<string, { posted: number; pending: number; issued: number; redeemed: number }>();
  for (const g of zoneGroups(ctx)) {
    // Grouped by the columns of ledger_entries(account, status, program_id, rule_id, …) (migration
    // 0018), in its order: the whole history before the range end is summed without a sort. A
    // program's rules come as rows of their own and add up below.
    const rows = await rowsOf(
      ctx,
      sql<{ program: string; kind: string; status: string; points: string | null; inRange: string | null }>`
        SELECT CASE WHEN rule_id = 'expiry' OR program_id NOT IN ('kassa-spend', 'kassa-adjust') THEN program_id ELSE '' END AS program,
               ${ledgerKind} AS kind, status, CAST(SUM(amount) AS TEXT) AS points,
               CAST(SUM(CASE WHEN created_at >= ${g.starts[0]!} THEN amount ELSE 0 END) AS TEXT) AS "inRange"
        FROM ledger_entries
        WHERE account = 'points' AND created_at < ${g.end} ${storeClause(g.storeIds, 'store_id')}
        GROUP BY status, program_id, rule_id`,
    );
    for (const r of rows) {
      const key = r.program === '' ? '(spent and adjusted)' : r.program;
      const f = by.get(key) ?? { posted: 0, pending: 0, issued: 0, redeemed: 0 };
      if (r.status === 'pending') f.pending += num(r.points);
      else f.posted += num(r.points);
      if (r.kind === 'issued') f.issued += num(r.inRange);
      if (r.kind === 'redeemed') f.redeemed -= num(r.inRange);
      by.set(key, f);
    }
  }
  const out = [...by]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([program, f]) => ({
      program,
      outstandingPoints: f.posted,
      pendingPoints: f.pending,
      valueCents: Math.round(f.posted * value(program)),
      pendingValueCents: Math.round(f.pending * value(program)),
    }));
  const sum = (k: 'outstandingPoints' | 'pendingPoints' | 'valueCents' | 'pendingValueCents') =>
    out.reduce((a, r) => a + r[k], 0);
  const issued = [...by.values()].reduce((a, f) => a + f.issued, 0);
  const redeemed = [...by.values()].reduce((a, f) => a + f.redeemed, 0);
  return {
    title: 'Points liability',
    columns: [
      { key: 'program', label: 'Program', unit: 'text' },
      { key: 'outstandingPoints', label: 'Outstanding points', unit: 'points' },
      { key: 'pendingPoints', label: 'Pending points', unit: 'points' },
      { key: 'valueCents', label: 'Value', unit: 'cents' },
      { key: 'pendingValueCents', label: 'Pending value', unit: 'cents' },
      { key: 'redemptionRate', label: 'Redemption rate', unit: 'ratio' },
    ],
    rows: out.map((r) => ({ ...r, redemptionRate: null })),
    totals: {
      program: null,
      outstandingPoints: sum('outstandingPoints'),
      pendingPoints: sum('pendingPoints'),
      valueCents: sum('valueCents'),
      pendingValueCents: sum('pendingValueCents'),
      redemptionRate: issued === 0 ? 0 : redeemed / issued,
    },
    chart: null,
  };
};
