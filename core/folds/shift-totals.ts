import type { ShiftTotals } from '../backoffice/api';
import { POINTS_ACCOUNT } from '../loyalty/balance-rule';
import { SPEND_PROGRAM_ID } from '../loyalty/spend-ids';

/*
 * What a shift at one till took, pure (issue 10 "End of day"): the till computes its Z report with
 * it from its own journal, and the server computes its side with the SAME function from the events
 * it folded for that till and seq range, so any difference is a missing or differently counted
 * event, never two ways of adding up. The events are read loosely (any sale version carries
 * `payments` and `totalCents`; v3+ a loyalty ledger), so a stored document is enough.
 */

/** The few fields of a tender this fold reads (sale payments, return refunds). */
interface TenderLike {
  readonly method: string;
  readonly amountCents: number;
  readonly tenderedCents?: number;
  readonly changeCents?: number;
}

interface LedgerRowLike {
  readonly account: string;
  readonly amount: number;
  readonly programId: string;
}

/** A till journal event as the fold reads it; other types (overrides, enrolments, …) count nothing. */
export interface ShiftEventLike {
  readonly id: string;
  readonly type: string;
  readonly seq: number;
  readonly totalCents?: number;
  readonly payments?: readonly TenderLike[];
  readonly refunds?: readonly TenderLike[];
  readonly loyalty?: { readonly ledger?: readonly LedgerRowLike[] } | null;
}

/** The tenders in the order the Z report prints them; another method follows in name order. */
const TENDER_ORDER = ['cash', 'card', 'points', 'gift-card'];

/** One event's share of a shift: what is added up, and the cash it moved in and out of the drawer. */
export interface EventShare {
  totals: ShiftTotals;
  cashInCents: number;
  cashOutCents: number;
}

function pointsOf(ledger: readonly LedgerRowLike[] | undefined): { issued: number; redeemed: number } {
  let issued = 0;
  let redeemed = 0;
  for (const row of ledger ?? []) {
    if (row.account !== POINTS_ACCOUNT) continue;
    // Spending rows (spend, recredit) carry the spend program; earning rows (earn, clawback) the
    // program that earned them (core/loyalty/spend-ids.ts, return-reversal.ts).
    if (row.programId === SPEND_PROGRAM_ID) redeemed -= row.amount;
    else issued += row.amount;
  }
  return { issued, redeemed };
}

function tendersOf(rows: readonly TenderLike[], sign: 1 | -1): { tender: string; cents: number }[] {
  return rows.map((t) => ({ tender: t.method, cents: sign * t.amountCents }));
}

/** What one event adds to its shift (zeros for an event that is neither a sale nor a return). */
export function eventShare(event: ShiftEventLike): EventShare {
  const zero = { count: 0, totalCents: 0 };
  if (event.type === 'sale') {
    const payments = event.payments ?? [];
    const cash = payments.filter((p) => p.method === 'cash');
    return {
      totals: {
        sales: { count: 1, totalCents: event.totalCents ?? 0 },
        returns: zero,
        tenders: tendersOf(payments, 1),
        points: pointsOf(event.loyalty?.ledger),
      },
      cashInCents: cash.reduce((n, p) => n + (p.tenderedCents ?? p.amountCents), 0),
      cashOutCents: cash.reduce((n, p) => n + (p.changeCents ?? 0), 0),
    };
  }
  if (event.type === 'return') {
    const refunds = event.refunds ?? [];
    return {
      totals: {
        sales: zero,
        returns: { count: 1, totalCents: event.totalCents ?? 0 },
        tenders: tendersOf(refunds, -1),
        points: pointsOf(event.loyalty?.ledger),
      },
      cashInCents: 0,
      cashOutCents: refunds.filter((r) => r.method === 'cash').reduce((n, r) => n + r.amountCents, 0),
    };
  }
  return { totals: emptyShiftTotals(), cashInCents: 0, cashOutCents: 0 };
}

export function emptyShiftTotals(): ShiftTotals {
  return {
    sales: { count: 0, totalCents: 0 },
    returns: { count: 0, totalCents: 0 },
    tenders: [],
    points: { issued: 0, redeemed: 0 },
  };
}

function tenderRank(tender: string): number {
  const i = TENDER_ORDER.indexOf(tender);
  return i < 0 ? TENDER_ORDER.length : i;
}

export interface ShiftFold {
  totals: ShiftTotals;
  cashInCents: number;
  cashOutCents: number;
  /** Opening float + cash in − cash out: what the drawer should hold. */
  expectedCashCents: number;
}

/** A shift's totals from its events (sales and returns; every other event counts nothing). */
export function shiftTotals(events: readonly ShiftEventLike[], floatCents: number): ShiftFold {
  const tenders = new Map<string, number>();
  const totals = emptyShiftTotals();
  let cashInCents = 0;
  let cashOutCents = 0;
  for (const event of events) {
    const share = eventShare(event);
    totals.sales.count += share.totals.sales.count;
    totals.sales.totalCents += share.totals.sales.totalCents;
    totals.returns.count += share.totals.returns.count;
    totals.returns.totalCents += share.totals.returns.totalCents;
    totals.points.issued += share.totals.points.issued;
    totals.points.redeemed += share.totals.points.redeemed;
    for (const t of share.totals.tenders) tenders.set(t.tender, (tenders.get(t.tender) ?? 0) + t.cents);
    cashInCents += share.cashInCents;
    cashOutCents += share.cashOutCents;
  }
  totals.tenders = [...tenders]
    .map(([tender, cents]) => ({ tender, cents }))
    .sort((a, b) => tenderRank(a.tender) - tenderRank(b.tender) || (a.tender < b.tender ? -1 : 1));
  return { totals, cashInCents, cashOutCents, expectedCashCents: floatCents + cashInCents - cashOutCents };
}

/** The numbers of a ShiftTotals by field name (`sales.count`, `tender.cash`, `points.issued`, …). */
export function shiftFields(totals: ShiftTotals): Map<string, number> {
  const fields = new Map<string, number>([
    ['sales.count', totals.sales.count],
    ['sales.totalCents', totals.sales.totalCents],
    ['returns.count', totals.returns.count],
    ['returns.totalCents', totals.returns.totalCents],
    ['points.issued', totals.points.issued],
    ['points.redeemed', totals.points.redeemed],
  ]);
  for (const t of totals.tenders) fields.set(`tender.${t.tender}`, t.cents);
  return fields;
}

/** Field-by-field differences between the till's totals and the server's (a tender one side lacks is 0). */
export function compareShiftTotals(
  till: ShiftTotals,
  server: ShiftTotals,
): { field: string; till: number; server: number }[] {
  const a = shiftFields(till);
  const b = shiftFields(server);
  const names = [...new Set([...a.keys(), ...b.keys()])];
  return names
    .map((field) => ({ field, till: a.get(field) ?? 0, server: b.get(field) ?? 0 }))
    .filter((d) => d.till !== d.server);
}

/**
 * The events of the shift still open at the till: those after the last shift-close (whose
 * `lastSeq` ended the previous shift; the close itself is not in any shift).
 */
export function openShiftEvents<E extends ShiftEventLike>(
  journal: readonly E[],
): { firstSeq: number; events: E[] } {
  const closes = journal.filter((e) => e.type === 'shift-close');
  const after = closes.reduce((n, e) => Math.max(n, e.seq), 0);
  const events = journal
    .filter((e) => e.seq > after && e.type !== 'shift-close')
    .sort((x, y) => x.seq - y.seq);
  return { firstSeq: after + 1, events };
}
