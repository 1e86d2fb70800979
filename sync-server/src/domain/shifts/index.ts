import type { BusinessDayStatus, ShiftReconciliation } from '../../../../core/backoffice/api';
import type { Storage } from '../../storage/storage';
import { reconciliationOf } from './reconcile';

/*
 * End of day for a store (issue 10): each shift's reconciliation, and whether the business day is
 * closed — every till that sold that day has shifts covering each of its sales of the day, and each
 * of those shifts reconciles or its shift-difference was resolved by a manager.
 */

export { shiftsProjection } from './projection';

/** The shifts closed for the store on that business day, in closing order. */
export async function shiftReconciliations(
  storage: Storage,
  q: { storeId: string; day: string },
): Promise<ShiftReconciliation[]> {
  const rows = await storage.db
    .selectFrom('shifts')
    .selectAll()
    .where('store_id', '=', q.storeId)
    .where('business_day', '=', q.day)
    .orderBy('closed_at')
    .orderBy('shift_event_id')
    .execute();
  const out: ShiftReconciliation[] = [];
  for (const row of rows) out.push(await reconciliationOf(storage.db, row));
  return out;
}

export async function businessDayStatus(
  storage: Storage,
  storeId: string,
  day: string,
): Promise<BusinessDayStatus> {
  const shifts = await shiftReconciliations(storage, { storeId, day });
  const sales = await storage.db
    .selectFrom('sales')
    .select(['terminal_id', 'seq'])
    .where('store_id', '=', storeId)
    .where('business_day', '=', day)
    .execute();
  const terminals = await storage.db
    .selectFrom('terminals')
    .select(['terminal_id', 'name'])
    .where('store_id', '=', storeId)
    .execute();
  const names = new Map(terminals.map((t) => [t.terminal_id, t.name]));
  const ids = [...new Set([...sales.map((s) => s.terminal_id), ...shifts.map((s) => s.terminalId)])].sort();
  let closed = true;
  const tills = ids.map((terminalId) => {
    const own = shifts.filter((s) => s.terminalId === terminalId);
    const seqs = sales.filter((s) => s.terminal_id === terminalId).map((s) => Number(s.seq));
    const covered = seqs.every((seq) => own.some((s) => s.firstSeq <= seq && seq <= s.lastSeq));
    const settled = own.every((s) => s.status !== 'differences');
    if (!covered || !settled || (seqs.length > 0 && own.length === 0)) closed = false;
    return { terminalId, name: names.get(terminalId) ?? null, sold: seqs.length, shifts: own };
  });
  return { storeId, day, closed, tills };
}
