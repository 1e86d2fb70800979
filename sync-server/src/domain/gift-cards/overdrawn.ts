import { giftCardOverdraftOf, type TimedMove } from '../../../../core/loyalty/gift-card';
import { formatMoney } from '../../../../core/money/format';
import { offlinePolicyOf } from '../../../../core/store/store-policy';
import type { Cents } from '../../../../core/money/money';
import { timedMoveOf, type GiftCardLedgerRow } from '../../storage/repos/gift-cards';
import type { StorageTx } from '../../storage/storage';

/** Server messages are English; amounts as a person reads them ("€15.00"). */
const money = (cents: number, currency: string): string => formatMoney(cents as Cents, currency, 'en-IE');

/** At most this many spends are named in one exception (a card is rarely spent more often). */
const MAX_NAMED = 20;

/**
 * Raises `gift-card-overdrawn` for a card whose rows leave it below zero, keyed by the spend that
 * took it there (core giftCardOverdraftOf, by the time of the events): the same rows give the
 * same key, so a duplicate push or a refold raises nothing new, while a later spend that digs
 * deeper is a finding of its own. Nothing when the card is not below zero.
 */
export async function judgeCard(tx: StorageTx, code: string): Promise<boolean> {
  const card = await tx.giftCards.get(code);
  if (!card) return false;
  const overdraft = giftCardOverdraftOf((await tx.giftCards.moves(code)).map(timedMoveOf));
  if (!overdraft) return false;
  const { culprit, spends, overdraftCents, balanceCents } = overdraft;
  const named = spends.slice(-MAX_NAMED);
  const tills = new Set(spends.map((s) => s.terminalId));
  // Each till may spend a card offline up to the store's daily cap; an overdraft the caps allowed
  // is the price of selling offline, one above them needs a closer look (an override, a fraud).
  const capCents = offlinePolicyOf((await tx.stores.get(culprit.storeId)) ?? {}).giftCardDailyCents;
  const withinOfflineCap = overdraftCents <= capCents * Math.max(1, tills.size - 1);
  const what = card.kind === 'store-credit' ? 'Store credit' : 'Gift card';
  const list = named.map((s) => describeSpend(s, card.currency)).join('; ');
  return tx.exceptions.insert({
    kind: 'gift-card-overdrawn',
    terminalId: culprit.terminalId,
    storeId: culprit.storeId,
    eventId: culprit.eventId,
    seq: null,
    message:
      `${what} ${code} was spent ${money(overdraftCents, card.currency)} beyond what it held ` +
      `(balance ${money(balanceCents, card.currency)}) by ${spends.length} spend(s) at ${tills.size} till(s): ${list}. ` +
      `${withinOfflineCap ? 'Within' : 'Beyond'} what the offline policy allows (${money(capCents, card.currency)} per card per day at a till). ` +
      `The sales are kept; settle the difference with the customer or write it off.`,
    detail: JSON.stringify({
      code,
      kind: card.kind,
      currency: card.currency,
      balanceCents,
      overdraftCents,
      culprit: culprit.eventId,
      withinOfflineCap,
      offlineCapCents: capCents,
      spends: named.map((s) => ({
        eventId: s.eventId,
        terminalId: s.terminalId,
        storeId: s.storeId,
        amountCents: -s.amountCents,
        at: s.at,
      })),
    }),
    detectedAt: culprit.at,
    dedupeKey: `gift-card-overdrawn:${code}:${culprit.entryId}`,
    centsAtStake: overdraftCents,
    events: named.map((s) => ({ terminalId: s.terminalId, eventId: s.eventId })),
  });
}

/**
 * A sale paid with a code the server never issued (another system's card, a forged or mistyped
 * code that passed the till's check): the payment is recorded against the code — never refused,
 * the sale happened — and raised once per sale and code.
 */
export async function raiseUnissuedSpend(tx: StorageTx, row: GiftCardLedgerRow): Promise<boolean> {
  const spend = timedMoveOf(row);
  // The sale's own currency is the store's (a till sells in its store's currency only).
  const currency = (await tx.stores.get(spend.storeId))?.currency ?? 'EUR';
  return tx.exceptions.insert({
    kind: 'gift-card-overdrawn',
    terminalId: spend.terminalId,
    storeId: spend.storeId,
    eventId: spend.eventId,
    seq: null,
    message:
      `Event ${spend.eventId} (terminal ${spend.terminalId}) paid ${money(-spend.amountCents, currency)} with gift card ${row.code}, ` +
      `which this server never issued; the sale is kept and the amount recorded against the code. ` +
      `Check the card: another system's card, or a forged code.`,
    detail: JSON.stringify({
      code: row.code,
      unissued: true,
      currency,
      overdraftCents: -spend.amountCents,
      spends: [
        {
          eventId: spend.eventId,
          terminalId: spend.terminalId,
          storeId: spend.storeId,
          amountCents: -spend.amountCents,
          at: spend.at,
        },
      ],
    }),
    detectedAt: spend.at,
    dedupeKey: `gift-card-overdrawn:unissued:${row.code}:${spend.eventId}`,
  });
}

function describeSpend(s: TimedMove, currency: string): string {
  return `${money(-s.amountCents, currency)} by event ${s.eventId} (terminal ${s.terminalId}, ${new Date(s.at).toISOString()})`;
}
