import { sql } from 'kysely';
import { storeClause, type ReportContext } from './report-context';

/**
 * The sales in the range named by an exception that is not resolved (exception_events, migration
 * 0013): every report shows them apart so a figure under doubt is never silently counted. Driven from
 * the few unresolved exceptions' events to their journal rows (unique on terminal and id) and the
 * sales by server seq (the journal's): CROSS JOIN keeps SQLite's loops in that order, where a probe
 * per sale of the range cost more than the report itself.
 */
export async function underException(ctx: ReportContext): Promise<{ sales: number; cents: number }> {
  const stores = storeClause(ctx.storeIds, 's.store_id');
  const r = await sql<{ n: number | string; cents: string | null }>`
    SELECT COUNT(*) AS n, CAST(SUM(s.total_cents) AS TEXT) AS cents
    FROM (SELECT DISTINCT ee.terminal_id, ee.event_id FROM exception_events ee
          JOIN exceptions x ON x.id = ee.exception_id WHERE x.status <> 'resolved') u
    CROSS JOIN journal j CROSS JOIN sales s
    WHERE j.terminal_id = u.terminal_id AND j.id = u.event_id AND s.server_seq = j.server_seq
      AND s.event_id = u.event_id AND s.terminal_id = u.terminal_id
      AND s.business_day >= ${ctx.from} AND s.business_day <= ${ctx.to} ${stores}`.execute(ctx.storage.db);
  const row = r.rows[0];
  return { sales: Number(row?.n ?? 0), cents: Number(row?.cents ?? 0) };
}
