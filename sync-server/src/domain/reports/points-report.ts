import { sql } from 'kysely';
import { dayIndex, daysOf, num, rowsOf, storeClause, zoneGroups, type ReportModule } from './report-context';
import { ledgerKind } from './ledger-kinds';

type Kind = 'issued' | 'redeemed' | 'expired' | 'adjusted';
const KINDS: readonly Kind[] = ['issued', 'redeemed', 'expired', 'adjusted'];

/** Per day: points issued, redeemed (spent), expired and adjusted, from the ledger's points rows. */
export const pointsReport: ReportModule = async (ctx) => {
  const days = daysOf(ctx.from, ctx.to);
  const figures = new Map(days.map((d) => [d, { issued: 0, redeemed: 0, expired: 0, adjusted: 0 }]));
  for (const g of zoneGroups(ctx)) {
    const rows = await rowsOf(
      ctx,
      sql<{ day: number | string; kind: Kind; points: string | null }>`
        SELECT ${dayIndex('created_at', g.starts, g.end)} AS day, ${ledgerKind} AS kind, CAST(SUM(amount) AS TEXT) AS points
        FROM ledger_entries
        WHERE account = 'points' AND created_at >= ${g.starts[0]!} AND created_at < ${g.end} ${storeClause(g.storeIds, 'store_id')}
        GROUP BY 1, 2`,
    );
    for (const r of rows) {
      const f = figures.get(days[Number(r.day)]!)!;
      // Redeemed and expired rows are debits: shown as the points they took.
      f[r.kind] += r.kind === 'redeemed' || r.kind === 'expired' ? -num(r.points) : num(r.points);
    }
  }
  const out = days.map((day) => ({ day, ...figures.get(day)! }));
  const total = (k: Kind) => out.reduce((a, r) => a + r[k], 0);
  return {
    title: 'Points issued, redeemed, expired and adjusted',
    columns: [
      { key: 'day', label: 'Day', unit: 'day' },
      ...KINDS.map((k) => ({ key: k, label: k[0]!.toUpperCase() + k.slice(1), unit: 'points' as const })),
    ],
    rows: out,
    totals: { day: null, ...Object.fromEntries(KINDS.map((k) => [k, total(k)])) },
    chart: { kind: 'bar', x: 'day', series: [...KINDS] },
  };
};
