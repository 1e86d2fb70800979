import type { ShiftDifference, ShiftReconciliation, ShiftTotals } from '../../../../core/backoffice/api';
import {
  compareShiftTotals,
  eventShare,
  shiftFields,
  shiftTotals,
  type ShiftEventLike,
} from '../../../../core/folds/shift-totals';
import type { Db } from '../../storage/storage';
import type { Selectable } from 'kysely';
import type { ShiftsTable } from '../../storage/schema';

/*
 * Reconciliation of one shift (issue 10, end of day): the server's totals are folded with the
 * till's own function (core/folds/shift-totals.ts) from the events of that till it stored with seq
 * in [firstSeq, lastSeq]; the difference is field by field, with the events behind each field, and
 * the seqs of the range the server never received. Recomputed on read, so a late seq changes it.
 */

export type ShiftRow = Selectable<ShiftsTable>;

export const shiftDedupeKey = (shiftEventId: string): string => `shift-difference:${shiftEventId}`;

/** The missing seqs of [first, last] given the ones present, as ranges. */
export function missingRanges(
  first: number,
  last: number,
  present: readonly number[],
): { from: number; to: number }[] {
  const have = new Set(present);
  const out: { from: number; to: number }[] = [];
  for (let s = first; s <= last; s++) {
    if (have.has(s)) continue;
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.to === s - 1) prev.to = s;
    else out.push({ from: s, to: s });
  }
  return out;
}

/** Which field names an event's share touches (so a difference names the events behind it). */
function fieldsOf(event: ShiftEventLike): Set<string> {
  const fields = new Set<string>();
  for (const [field, n] of shiftFields(eventShare(event).totals))
    if (n !== 0 || field.endsWith('.count')) fields.add(field);
  return fields;
}

export interface ShiftComputation {
  server: ShiftTotals;
  differences: ShiftDifference[];
  missingSeqs: { from: number; to: number }[];
}

export async function computeShift(db: Db, row: ShiftRow): Promise<ShiftComputation> {
  const first = Number(row.first_seq);
  const last = Number(row.last_seq);
  const stored = await db
    .selectFrom('journal')
    .select(['id', 'type', 'seq', 'body'])
    .where('terminal_id', '=', row.terminal_id)
    .where('seq', '>=', first)
    .where('seq', '<=', last)
    .orderBy('seq')
    .execute();
  const events: ShiftEventLike[] = stored.map((s) => ({
    ...(JSON.parse(s.body) as object),
    id: s.id,
    type: s.type,
    seq: Number(s.seq),
  }));
  const server = shiftTotals(events, Number(row.float_cents)).totals;
  const till = JSON.parse(row.till_totals) as ShiftTotals;
  const differences = compareShiftTotals(till, server).map((d) => ({
    ...d,
    eventIds: events.filter((e) => e.type !== 'shift-close' && fieldsOf(e).has(d.field)).map((e) => e.id),
  }));
  const missingSeqs = missingRanges(first, last, [...new Set(stored.map((s) => Number(s.seq)))]);
  return { server, differences, missingSeqs };
}

export async function reconciliationOf(db: Db, row: ShiftRow): Promise<ShiftReconciliation> {
  const c = await computeShift(db, row);
  const exception = await db
    .selectFrom('exceptions')
    .select(['id', 'status', 'resolution'])
    .where('dedupe_key', '=', shiftDedupeKey(row.shift_event_id))
    .executeTakeFirst();
  const clean = c.differences.length === 0 && c.missingSeqs.length === 0;
  const managerResolved =
    exception !== undefined && exception.status === 'resolved' && exception.resolution !== 'cleared';
  return {
    shiftEventId: row.shift_event_id,
    terminalId: row.terminal_id,
    cashier: JSON.parse(row.cashier) as { id: string; name: string },
    businessDay: row.business_day,
    openedAt: Number(row.opened_at),
    closedAt: Number(row.closed_at),
    firstSeq: Number(row.first_seq),
    lastSeq: Number(row.last_seq),
    countedCashCents: Number(row.counted_cash_cents),
    expectedCashCents: Number(row.expected_cash_cents),
    till: JSON.parse(row.till_totals) as ShiftTotals,
    server: c.server,
    differences: c.differences,
    missingSeqs: c.missingSeqs,
    status: clean ? 'reconciled' : managerResolved ? 'resolved' : 'differences',
    exceptionId: exception === undefined ? null : Number(exception.id),
  };
}
