import { sql } from 'kysely';
import { storeClause, type ReportContext } from './report-context';

/**
 * The sales in the range named by an exception that is not resolved (exception_events, migration
 * 0013): every report shows them apart so a figure under doubt is never silently counted.
 */
export async function underException(ctx: ReportContext): Promise<{ sales: number; cents: number }> {
  const stores = storeClause(ctx.storeIds, 's.store_id');
  const r = await sql<{ n: number | string; cents: string | null }>`
    SELECT COUNT(*) AS n, CAST(SUM(s.total_cents) AS TEXT) AS cents FROM sales s
    WHERE s.business_day >= ${ctx.from} AND s.business_day <= ${ctx.to} ${stores}
      AND EXISTS (SELECT 1 FROM exception_events ee JOIN exceptions x ON x.id = ee.exception_id
                  WHERE ee.terminal_id = s.terminal_id AND ee.event_id = s.event_id AND x.status <> 'resolved')`.execute(
    ctx.storage.db,
  );
  const row = r.rows[0];
  return { sales: Number(row?.n ?? 0), cents: Number(row?.cents ?? 0) };
}
