import type { ReturnEvent, SaleEvent } from '../../../../core/journal';
import type { ReturnableLine } from '../../../../core/loyalty/returnable';
import { message, type Translatable } from '../../i18n/translatable';

/**
 * The returns screen as a pure state machine: find the sale (a scanned or typed receipt code),
 * choose what comes back (typed quantities and a reason), confirm, and the return written. The
 * plan (refunds, points back) is computed from this state by the hook; nothing here does I/O.
 */

/** A sale found for a return, with the returns already made against it (oldest first). */
export interface FoundSale {
  sale: SaleEvent;
  priorReturns: readonly ReturnEvent[];
  /** Where it was found: this till's journal, or the server (another till's sale). */
  from: 'journal' | 'server';
}

/** Why goods come back: a code in the event, said in the till's language (returns.reasons.*). */
export const RETURN_REASONS = ['defective', 'unwanted', 'wrong-item', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

export type ReturnsState =
  | { step: 'find'; code: string; looking: boolean; message: Translatable | null }
  | {
      step: 'choose';
      found: FoundSale;
      /** The id the return will be written under (its ledger row ids derive from it). */
      returnId: string;
      /** What the cashier typed per line id (units, or grams for a weighed line). */
      quantities: Readonly<Record<string, string>>;
      reason: ReturnReason | null;
      confirming: boolean;
      message: Translatable | null;
    }
  | { step: 'done'; found: FoundSale; event: ReturnEvent };

export type ReturnsAction =
  | { type: 'code'; code: string }
  | { type: 'look' }
  | { type: 'not-found'; message: Translatable }
  | { type: 'found'; found: FoundSale; returnId: string }
  | { type: 'quantity'; lineId: string; text: string }
  | { type: 'reason'; reason: ReturnReason }
  | { type: 'confirm' }
  | { type: 'failed'; message: Translatable }
  | { type: 'done'; event: ReturnEvent }
  | { type: 'again' };

export const INITIAL_RETURNS: ReturnsState = { step: 'find', code: '', looking: false, message: null };

export function returnsReducer(state: ReturnsState, action: ReturnsAction): ReturnsState {
  switch (action.type) {
    case 'code':
      return state.step === 'find' ? { ...state, code: action.code, message: null } : state;
    case 'look':
      return state.step === 'find' ? { ...state, looking: true, message: null } : state;
    case 'not-found':
      if (state.step === 'find') return { ...state, looking: false, message: action.message };
      return { step: 'find', code: '', looking: false, message: action.message };
    case 'found':
      // A receipt scanned while another sale is open starts over with the new one.
      if (state.step === 'choose' && state.confirming) return state;
      return {
        step: 'choose',
        found: action.found,
        returnId: action.returnId,
        quantities: {},
        reason: null,
        confirming: false,
        message: null,
      };
    case 'quantity':
      return state.step === 'choose' && !state.confirming
        ? { ...state, quantities: { ...state.quantities, [action.lineId]: action.text }, message: null }
        : state;
    case 'reason':
      return state.step === 'choose' && !state.confirming ? { ...state, reason: action.reason } : state;
    case 'confirm':
      return state.step === 'choose' && !state.confirming
        ? { ...state, confirming: true, message: null }
        : state;
    case 'failed':
      return state.step === 'choose' ? { ...state, confirming: false, message: action.message } : state;
    case 'done':
      return state.step === 'choose' ? { step: 'done', found: state.found, event: action.event } : state;
    case 'again':
      return INITIAL_RETURNS;
  }
}

/** One line asked back, as the plan takes it. */
export interface AskedLine {
  lineId: string;
  quantity: number;
  weightGrams?: number;
}

export type AskedLines =
  | { ok: true; lines: AskedLine[] }
  /** A typed quantity that is not a whole number, or more than is still returnable. */
  | { ok: false; lineId: string; message: Translatable };

const WHOLE = /^\d{1,7}$/;

/**
 * The typed quantities as the plan's lines: empty is none, a weighed line is typed in grams.
 * Checked against what is still returnable, so the cashier reads the mistake at the line.
 */
export function askedLines(
  quantities: Readonly<Record<string, string>>,
  returnable: readonly ReturnableLine[],
): AskedLines {
  const lines: AskedLine[] = [];
  for (const r of returnable) {
    const text = (quantities[r.lineId] ?? '').trim();
    if (text === '') continue;
    if (!WHOLE.test(text)) {
      return { ok: false, lineId: r.lineId, message: message('returns.notWhole', { text }) };
    }
    const n = Number(text);
    if (n === 0) continue;
    const weighed = r.weightGrams !== undefined;
    const most = weighed ? (r.weightGrams ?? 0) : r.quantity;
    if (n > most) {
      return {
        ok: false,
        lineId: r.lineId,
        message: message(weighed ? 'returns.tooManyGrams' : 'returns.tooMany', {
          name: r.name,
          count: most,
        }),
      };
    }
    lines.push(
      weighed ? { lineId: r.lineId, quantity: 1, weightGrams: n } : { lineId: r.lineId, quantity: n },
    );
  }
  return { ok: true, lines };
}
