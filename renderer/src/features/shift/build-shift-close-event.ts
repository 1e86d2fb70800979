import { sealEvent, type UnsignedEvent } from '../../../../core/journal';
import { shiftCloseV1Schema, type ShiftCloseEvent } from '../../../../core/journal/shift-close-event';
import { openShiftEvents, shiftTotals, type ShiftEventLike } from '../../../../core/folds/shift-totals';
import { businessDayOf, type StoreSettings } from '../../../../core/store/store-settings';

/** A journal event as the shift close reads it: the fold's fields, and when it was written. */
export interface ShiftJournalEvent extends ShiftEventLike {
  readonly createdAt: number;
  readonly cashier?: { readonly id: string; readonly name: string };
}

export interface OpenShift {
  firstSeq: number;
  /** The last seq the shift covers: the till's last event (firstSeq − 1 when nothing happened). */
  lastSeq: number;
  events: ShiftJournalEvent[];
  /** When the shift began: its first event, or the close before it, or now. */
  openedAt: number;
  /** The cashier of the previous close at this till, the name the panel proposes. */
  lastCashier: string;
}

/** The shift still open at this till, from its journal (every event, in any order). */
export function openShift(journal: readonly ShiftJournalEvent[], nowMs: number): OpenShift {
  const { firstSeq, events } = openShiftEvents(journal);
  const closes = journal.filter((e) => e.type === 'shift-close').sort((a, b) => a.seq - b.seq);
  const lastClose = closes[closes.length - 1];
  const lastSeq = journal.reduce((n, e) => Math.max(n, e.seq), 0);
  return {
    firstSeq,
    lastSeq: Math.max(lastSeq, firstSeq - 1),
    events,
    openedAt: events[0]?.createdAt ?? lastClose?.createdAt ?? nowMs,
    lastCashier: lastClose?.cashier?.name ?? '',
  };
}

/** What the cashier entered on the panel, already read (count.ts). */
export interface ShiftCloseInput {
  cashierName: string;
  floatCents: number;
  counted: { denominationCents: number; count: number }[];
  countedCashCents: number;
}

export interface ShiftCloseContext {
  id: string;
  terminalId: string;
  store: StoreSettings;
  seq: number;
  prevHash: string;
  nowMs: number;
}

/** A cashier's id from the typed name (the till has no cashier accounts): lower case, dashes. */
export function cashierIdOf(name: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .normalize('NFKD')
    // Ș → S + comma below: the mark goes, the letter stays.
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return slug || 'cashier';
}

/**
 * The one `shift-close` event a cashier's confirm writes: the till's own totals of the open shift
 * (the same fold the server reconciles with), the count and the float, sealed into the chain and
 * parsed with the shared schema before it is written (a refused event is a bug here).
 */
export function buildShiftCloseEvent(
  shift: OpenShift,
  input: ShiftCloseInput,
  ctx: ShiftCloseContext,
): ShiftCloseEvent {
  const fold = shiftTotals(shift.events, input.floatCents);
  const name = input.cashierName.trim();
  const unsigned: UnsignedEvent<ShiftCloseEvent> = {
    id: ctx.id,
    type: 'shift-close',
    schemaVersion: 1,
    terminalId: ctx.terminalId,
    storeId: ctx.store.storeId,
    seq: ctx.seq,
    prevHash: ctx.prevHash,
    createdAt: ctx.nowMs,
    businessDay: businessDayOf(ctx.nowMs, ctx.store.timeZone),
    currency: ctx.store.currency,
    cashier: { id: cashierIdOf(name), name },
    openedAt: Math.min(shift.openedAt, ctx.nowMs),
    firstSeq: shift.firstSeq,
    // Events written since the panel read the journal belong to this shift too: it ends just
    // before its own close.
    lastSeq: ctx.seq - 1,
    counted: input.counted.map((c) => ({ ...c })),
    countedCashCents: input.countedCashCents,
    expectedCashCents: fold.expectedCashCents,
    floatCents: input.floatCents,
    tenders: fold.totals.tenders,
    sales: fold.totals.sales,
    returns: fold.totals.returns,
    points: fold.totals.points,
  };
  return shiftCloseV1Schema.parse(sealEvent<ShiftCloseEvent>(unsigned)) as ShiftCloseEvent;
}
