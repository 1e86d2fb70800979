import type { GiftCardServerEvent } from '../../../../core/journal/gift-card-events';
import { SERVER_TERMINAL_ID } from '../../../../core/journal/server-events';
import {
  giftCardIssuedId,
  giftCardLoadedId,
  giftCardRefundsOf,
  giftCardSpendsOf,
  type GiftCardMove,
} from '../../../../core/loyalty/gift-card';
import type { GiftCardLedgerRow } from '../../storage/repos/gift-cards';
import type { StorageTx } from '../../storage/storage';
import { wholeJournalFolded } from './journal-folded';
import { judgeCard, raiseUnissuedSpend } from './overdrawn';
import type { FoldInput, Projection } from '../projections/projection';

export const GIFT_CARDS_PROJECTION = 'gift-cards';

/**
 * The gift-card (and store-credit) ledger (DESIGN.md "The ledger", in cents): every gift-card
 * payment of a sale v5 is a negative row, every gift-card refund of a return a positive one, and
 * the server stream's `gift-card-issued` / `gift-card-loaded` positive ones; ids are deterministic
 * (core/loyalty/gift-card.ts), so a retry, a duplicate push or a refold adds nothing, and each
 * touched card's balance is set to the sum of its rows.
 *
 * A spend is never refused — the sale happened. When the rows leave a card below zero (two tills
 * spent it offline), ONE `gift-card-overdrawn` is raised, keyed by the spend that took it below
 * zero in time order, with the spends involved and the size; a spend of a code the server never
 * issued is raised as `gift-card-overdrawn` too. Judging waits until the whole journal is folded
 * for this projection (a refold folds the tills' streams before the server's, whose events issue
 * the cards): then every card below zero is judged once (journal-folded.ts).
 */
export const giftCardsProjection: Projection = {
  name: GIFT_CARDS_PROJECTION,
  reads: 'events',
  // Every server-stream event (so the fold sees when that stream is folded to its head), and the
  // sales and returns that move a gift card.
  wants: (e) => e.terminalId === SERVER_TERMINAL_ID || tendersOf(e).some((t) => t.method === 'gift-card'),
  async fold(tx, inputs) {
    const rows = new Map<string, GiftCardLedgerRow>();
    // Cards issued in this batch: summed even without a row (a refold may have folded their spends first).
    const issued = new Set<string>();
    let lastSeq = 0;
    for (const i of inputs) {
      for (const row of await rowsOf(tx, i, issued)) if (!rows.has(row.entry_id)) rows.set(row.entry_id, row);
      lastSeq = Math.max(lastSeq, i.serverSeq);
    }
    const fresh = await tx.giftCards.insertMoves([...rows.values()]);
    const freshRows = [...rows.values()].filter((r) => fresh.has(r.entry_id));
    const balances = await tx.giftCards.refreshBalances(
      [...new Set([...issued, ...freshRows.map((r) => r.code)])],
      lastSeq,
    );
    if (!(await wholeJournalFolded(tx, GIFT_CARDS_PROJECTION, inputs))) return;
    if (await tx.giftCards.takeJudgeAll()) {
      for (const code of await tx.giftCards.overdrawn()) await judgeCard(tx, code);
      for (const row of await tx.giftCards.unissuedSpends()) await raiseUnissuedSpend(tx, row);
      return;
    }
    const judged = new Set<string>();
    for (const r of freshRows) {
      if (r.amount_cents >= 0) continue;
      const balance = balances.get(r.code);
      if (balance === undefined) await raiseUnissuedSpend(tx, r);
      else if (balance < 0 && !judged.has(r.code)) {
        judged.add(r.code);
        await judgeCard(tx, r.code);
      }
    }
  },
  async reset(tx) {
    await tx.giftCards.reset();
  },
};

/** The ledger rows one event makes (an issue also writes the card). */
async function rowsOf(tx: StorageTx, i: FoldInput, issued: Set<string>): Promise<GiftCardLedgerRow[]> {
  const e = i.event;
  if (!e) return [];
  const rowOf = (m: GiftCardMove, at: number): GiftCardLedgerRow => ({
    entry_id: m.entryId,
    code: m.code,
    amount_cents: m.amountCents,
    reason: m.reason,
    event_id: e.id,
    terminal_id: i.envelope.terminalId,
    store_id: i.envelope.storeId,
    server_seq: i.serverSeq,
    at,
  });
  if (i.envelope.terminalId === SERVER_TERMINAL_ID) {
    // Server events travel as FoldInput's till events; they are read by their type.
    const s = e as unknown as GiftCardServerEvent | { type: string };
    if (s.type === 'gift-card-issued' && 'kind' in s) {
      await tx.giftCards.insertCard({
        code: s.code,
        kind: s.kind,
        currency: s.currency,
        issuedAt: s.createdAt,
        issuedStoreId: s.storeId,
        serverSeq: i.serverSeq,
      });
      issued.add(s.code);
      const m = { entryId: giftCardIssuedId(s.id), code: s.code, amountCents: s.amountCents };
      return s.amountCents > 0 ? [rowOf({ ...m, reason: 'issued' }, s.createdAt)] : [];
    }
    if (s.type === 'gift-card-loaded' && 'code' in s) {
      const m = { entryId: giftCardLoadedId(s.id), code: s.code, amountCents: s.amountCents };
      return [rowOf({ ...m, reason: 'loaded' }, s.createdAt)];
    }
    return [];
  }
  if (tendersOf(e).length === 0) return [];
  if (e.type === 'sale') return giftCardSpendsOf(e).map((m) => rowOf(m, e.createdAt));
  if (e.type === 'return') return giftCardRefundsOf(e).map((m) => rowOf(m, e.createdAt));
  return [];
}

/**
 * A sale's payments or a return's refunds. Read defensively: `wants` runs outside the fold's
 * savepoint, so it must never throw, whatever a registry (a test's, a later release's) calls these types.
 */
function tendersOf(e: NonNullable<FoldInput['event']>): readonly { method: string }[] {
  const tenders: unknown = e.type === 'sale' ? e.payments : e.type === 'return' ? e.refunds : undefined;
  return Array.isArray(tenders) ? (tenders as { method: string }[]) : [];
}
