import type { ShiftCloseEvent } from '../../../../core/journal/shift-close-event';
import { ExceptionsRepo } from '../../storage/repos/exceptions';
import type { Db } from '../../storage/storage';
import type { Projection } from '../projections/projection';
import { computeShift, shiftDedupeKey, type ShiftRow } from './reconcile';

/*
 * The shifts projection (issue 10): a shift-close becomes a row of `shifts` and is reconciled at
 * once; a sale or return that arrives later inside a closed shift's seq range reconciles that shift
 * again. Differences raise one `shift-difference` per shift; when they are gone it is cleared.
 */

async function reconcileRow(db: Db, row: ShiftRow, now: number): Promise<void> {
  const c = await computeShift(db, row);
  const exceptions = new ExceptionsRepo(db);
  const key = shiftDedupeKey(row.shift_event_id);
  const clean = c.differences.length === 0 && c.missingSeqs.length === 0;
  if (clean) {
    await exceptions.clear(key, now);
  } else {
    const missing = c.missingSeqs
      .map((m) => (m.from === m.to ? `${m.from}` : `${m.from}–${m.to}`))
      .join(', ');
    const fields = c.differences.map((d) => `${d.field} till ${d.till} server ${d.server}`).join('; ');
    await exceptions.insert({
      kind: 'shift-difference',
      terminalId: row.terminal_id,
      storeId: row.store_id,
      eventId: row.shift_event_id,
      seq: Number(row.seq),
      message: `Shift ${row.shift_event_id} (seq ${row.first_seq}–${row.last_seq}) does not reconcile: ${fields}${missing === '' ? '' : `; missing seqs ${missing}`}`,
      detail: JSON.stringify({ differences: c.differences, missingSeqs: c.missingSeqs }),
      detectedAt: now,
      dedupeKey: key,
      businessDay: row.business_day,
      centsAtStake: Math.abs(
        c.differences
          .filter((d) => d.field === 'sales.totalCents')
          .reduce((n, d) => n + d.till - d.server, 0),
      ),
    });
  }
  const status = clean ? 'reconciled' : 'differences';
  const ex = await db.selectFrom('exceptions').select('id').where('dedupe_key', '=', key).executeTakeFirst();
  await db
    .updateTable('shifts')
    .set({ status, exception_id: ex === undefined ? null : Number(ex.id) })
    .where('shift_event_id', '=', row.shift_event_id)
    .execute();
}

function shiftRowOf(s: ShiftCloseEvent, serverSeq: number): ShiftRow {
  return {
    shift_event_id: s.id,
    terminal_id: s.terminalId,
    store_id: s.storeId,
    business_day: s.businessDay,
    seq: s.seq,
    first_seq: s.firstSeq,
    last_seq: s.lastSeq,
    opened_at: s.openedAt,
    closed_at: s.createdAt,
    cashier: JSON.stringify({ id: s.cashier.id, name: s.cashier.name }),
    till_totals: JSON.stringify({ sales: s.sales, returns: s.returns, tenders: s.tenders, points: s.points }),
    float_cents: s.floatCents,
    counted_cash_cents: s.countedCashCents,
    expected_cash_cents: s.expectedCashCents,
    status: 'differences',
    exception_id: null,
    server_seq: serverSeq,
  };
}

export const shiftsProjection: Projection = {
  name: 'shifts',
  reads: 'events',
  wants: (e) => e.type === 'shift-close' || e.type === 'sale' || e.type === 'return',
  async fold(tx, inputs) {
    // Sales and returns per terminal: their shifts are looked up once per batch, not per event.
    const later = new Map<string, { seqs: number[]; at: number }>();
    for (const i of inputs) {
      const e = i.event;
      if (e === undefined) continue;
      if (e.type === 'shift-close') {
        const row = shiftRowOf(e as ShiftCloseEvent, i.serverSeq);
        await tx.db
          .insertInto('shifts')
          .values(row)
          .onConflict((oc) => oc.column('shift_event_id').doNothing())
          .execute();
        await reconcileRow(tx.db, row, row.closed_at);
        continue;
      }
      const t = later.get(e.terminalId) ?? { seqs: [], at: 0 };
      t.seqs.push(e.seq);
      t.at = Math.max(t.at, (e as { createdAt: number }).createdAt);
      later.set(e.terminalId, t);
    }
    // A sale or return inside a closed shift's range (it arrived after the close): that shift again,
    // once however many of its events the batch holds.
    for (const [terminalId, t] of later) {
      const rows = await tx.db
        .selectFrom('shifts')
        .selectAll()
        .where('terminal_id', '=', terminalId)
        .where('first_seq', '<=', Math.max(...t.seqs))
        .where('last_seq', '>=', Math.min(...t.seqs))
        .execute();
      for (const row of rows) {
        const inside = t.seqs.some((q) => q >= Number(row.first_seq) && q <= Number(row.last_seq));
        if (inside) await reconcileRow(tx.db, row, t.at);
      }
    }
  },
  // Its rows are rebuilt by a refold; the exceptions it raised are kept (raised once by their key).
  reset: async (tx) => {
    await tx.db.deleteFrom('shifts').execute();
  },
};
