import type { ReturnEvent } from '../journal/return-event';
import type { SaleEvent } from '../journal/sale-event';

/**
 * Gift cards and store credit (issue 9): a balance ledger of their own, in cents, like the points
 * ledger. Every change is a move with a deterministic id, so a retry, a duplicate push or a
 * refold never adds one, and a card's balance is the sum of its moves:
 * - issued (the server's `gift-card-issued`): + the initial amount, id `<event>/issued`;
 * - loaded (`gift-card-loaded`, a top-up): + the amount, id `<event>/loaded`;
 * - spent by a sale v5 payment with method 'gift-card': − its amount, id `<sale>/gift-card/<i>`
 *   (i = the payment's index in `payments`);
 * - refunded by a return with method 'gift-card': + its amount, id `<return>/gift-card-refund/<i>`.
 * Store credit is a gift card of kind 'store-credit': same code format, same ledger.
 */
export const GIFT_CARD_KINDS = ['gift-card', 'store-credit'] as const;
export type GiftCardKind = (typeof GIFT_CARD_KINDS)[number];

export type GiftCardMoveReason = 'issued' | 'loaded' | 'spent' | 'refunded';

export interface GiftCardMove {
  entryId: string;
  code: string;
  /** Signed cents: negative for a spend. */
  amountCents: number;
  reason: GiftCardMoveReason;
}

export const giftCardSpendId = (eventId: string, paymentIndex: number): string =>
  `${eventId}/gift-card/${paymentIndex}`;
export const giftCardRefundId = (eventId: string, refundIndex: number): string =>
  `${eventId}/gift-card-refund/${refundIndex}`;
export const giftCardIssuedId = (eventId: string): string => `${eventId}/issued`;
export const giftCardLoadedId = (eventId: string): string => `${eventId}/loaded`;

/** What a sale took from gift cards: one negative move per gift-card payment (a zero one is none). */
export function giftCardSpendsOf(sale: Pick<SaleEvent, 'id' | 'payments'>): GiftCardMove[] {
  return sale.payments.flatMap((p, i) =>
    p.method === 'gift-card' && p.code !== undefined && p.amountCents !== 0
      ? [{ entryId: giftCardSpendId(sale.id, i), code: p.code, amountCents: -p.amountCents, reason: 'spent' }]
      : [],
  );
}

/** What a return gave back to gift cards: one positive move per gift-card refund. */
export function giftCardRefundsOf(ret: Pick<ReturnEvent, 'id' | 'refunds'>): GiftCardMove[] {
  return ret.refunds.flatMap((r, i) =>
    r.method === 'gift-card' && r.code !== undefined && r.amountCents !== 0
      ? [
          {
            entryId: giftCardRefundId(ret.id, i),
            code: r.code,
            amountCents: r.amountCents,
            reason: 'refunded',
          },
        ]
      : [],
  );
}

/** A move as the overdraft check reads it: when, and which event made it. */
export interface TimedMove {
  entryId: string;
  amountCents: number;
  reason: GiftCardMoveReason;
  eventId: string;
  terminalId: string;
  storeId: string;
  at: number;
}

export interface GiftCardOverdraft {
  balanceCents: number;
  /** How far below zero: −balanceCents. */
  overdraftCents: number;
  /** The spend after which the card stayed below zero (by the time of the events). */
  culprit: TimedMove;
  /** The spends that used up what the card held: those since its last credit before the culprit. */
  spends: TimedMove[];
}

/**
 * Whether a card's moves leave it below zero and, if so, which spend did it. Judged on the moves
 * in time order (at, then id), not in the order they reached the server, so the answer depends
 * only on the set of moves: an incremental fold and a refold name the same culprit, and the
 * exception keyed by it is raised once. A dip that a later credit made good is no overdraft.
 */
export function giftCardOverdraftOf(moves: readonly TimedMove[]): GiftCardOverdraft | null {
  const ordered = [...moves].sort((a, b) =>
    a.at !== b.at ? a.at - b.at : a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0,
  );
  const balanceCents = ordered.reduce((sum, m) => sum + m.amountCents, 0);
  if (balanceCents >= 0) return null;
  // Walk back from the end while the running balance stays negative: the culprit is the first
  // move of that final negative stretch (always a spend: a credit cannot take it below zero).
  let running = balanceCents;
  let from = ordered.length - 1;
  while (from > 0 && running - (ordered[from] as TimedMove).amountCents < 0) {
    running -= (ordered[from] as TimedMove).amountCents;
    from--;
  }
  const culprit = ordered[from] as TimedMove;
  let lastCredit = -1;
  for (let i = 0; i < from; i++) if ((ordered[i] as TimedMove).amountCents > 0) lastCredit = i;
  const spends = ordered.slice(lastCredit + 1).filter((m) => m.amountCents < 0);
  return { balanceCents, overdraftCents: -balanceCents, culprit, spends };
}
