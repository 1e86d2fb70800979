import type { GiftCardMoveReason } from '../../../../core/loyalty/gift-card';
import { err, ok, type Result } from '../../../../core/result/result';
import {
  GIFT_CARD_CODE_INVALID,
  GIFT_CARD_UNKNOWN,
  type GiftCardBalance,
} from '../../../../core/sync/gift-card-protocol';
import type { GiftCardRecord } from '../../storage/repos/gift-cards';
import type { Repos } from '../../storage/storage';
import { normalizeGiftCardCode } from './requests';

/** What issuing or loading a card answers. */
export interface GiftCardAnswer extends GiftCardBalance {
  eventId: string;
  /** True when the key was used before: the first answer's card, and nothing was written. */
  replayed: boolean;
}

/** A card with its history, for HQ (`GET /admin/gift-cards/:code`, `gift-cards show`). */
export interface GiftCardView extends GiftCardBalance {
  issuedAt: number;
  issuedStoreId: string;
  history: {
    entryId: string;
    reason: GiftCardMoveReason;
    amountCents: number;
    eventId: string;
    terminalId: string;
    storeId: string;
    at: number;
  }[];
}

const balanceOf = (card: GiftCardRecord): GiftCardBalance => ({
  code: card.code,
  kind: card.kind,
  currency: card.currency,
  balanceCents: card.balanceCents,
  status: card.status,
});

export async function giftCardAnswerOf(
  repos: Repos,
  code: string,
  eventId: string,
  replayed: boolean,
): Promise<GiftCardAnswer> {
  const card = await repos.giftCards.get(code);
  // The event was folded in the same transaction; a card missing here is a fold failure (raised).
  if (!card) throw new Error(`gift card ${code} was written but not folded (see fold failures)`);
  return { ...balanceOf(card), eventId, replayed };
}

export type GiftCardLookupFailure = typeof GIFT_CARD_UNKNOWN | typeof GIFT_CARD_CODE_INVALID;

/** A card's balance as the server has folded it (the till's `GET /sync/v1/gift-cards/:code`). */
export async function lookupGiftCard(
  repos: Repos,
  text: string,
): Promise<Result<GiftCardBalance, GiftCardLookupFailure>> {
  const found = await cardOf(repos, text);
  return found.ok ? ok(balanceOf(found.value)) : found;
}

/** A card, its balance and every move of it, oldest first. */
export async function giftCardView(
  repos: Repos,
  text: string,
): Promise<Result<GiftCardView, GiftCardLookupFailure>> {
  const found = await cardOf(repos, text);
  if (!found.ok) return found;
  const card = found.value;
  const moves = await repos.giftCards.moves(card.code);
  return ok({
    ...balanceOf(card),
    issuedAt: card.issuedAt,
    issuedStoreId: card.issuedStoreId,
    history: moves.map((m) => ({
      entryId: m.entry_id,
      reason: m.reason,
      amountCents: m.amount_cents,
      eventId: m.event_id,
      terminalId: m.terminal_id,
      storeId: m.store_id,
      at: m.at,
    })),
  });
}

async function cardOf(repos: Repos, text: string): Promise<Result<GiftCardRecord, GiftCardLookupFailure>> {
  const code = normalizeGiftCardCode(text);
  if (code === undefined) {
    return err(
      GIFT_CARD_CODE_INVALID,
      `"${text.slice(0, 64)}" is not a gift-card code: a code is digits and letters, grouped with spaces or hyphens at most.`,
    );
  }
  const card = await repos.giftCards.get(code);
  if (!card) return err(GIFT_CARD_UNKNOWN, `No gift card or store credit ${code} is known to this server.`);
  return ok(card);
}
