import { giftCardLoadedV1Schema, type GiftCardLoadedEvent } from '../../../../core/journal/gift-card-events';
import { SERVER_TERMINAL_ID } from '../../../../core/journal/server-events';
import { err, ok, type Result } from '../../../../core/result/result';
import { GIFT_CARD_UNKNOWN } from '../../../../core/sync/gift-card-protocol';
import type { Storage } from '../../storage/storage';
import { DEFAULT_FOLD_CONFIG } from '../projections/default-projections';
import { storedDocument } from '../projections/fold-inputs';
import type { FoldConfig } from '../projections/projection';
import { appendServerEvents, type ServerEventDraft } from '../server-stream/append';
import { idFromSeed } from '../server-stream/ids';
import { lockServerStream } from '../server-stream/lock';
import { normalizeGiftCardCode } from './requests';
import type { LoadGiftCardRequest } from './requests';
import { giftCardAnswerOf, type GiftCardAnswer } from './view';

export type LoadGiftCardFailure = typeof GIFT_CARD_UNKNOWN | 'gift-card-blocked' | 'idempotency-key-reused';

export const loadedEventId = (key: string): string => idFromSeed(`gift-card-loaded:${key}`);

/**
 * Tops up a card the server issued: a `gift-card-loaded` event on the server's stream, folded in
 * the same transaction. Idempotent on the key like issuing; a blocked card takes no value.
 */
export async function loadGiftCard(
  storage: Storage,
  codeText: string,
  request: LoadGiftCardRequest,
  now: number,
  config: FoldConfig = DEFAULT_FOLD_CONFIG,
): Promise<Result<GiftCardAnswer, LoadGiftCardFailure>> {
  const eventId = loadedEventId(request.key);
  const code = normalizeGiftCardCode(codeText) ?? codeText;
  return storage.transaction(async (tx) => {
    await lockServerStream(tx);
    const [stored] = await tx.journal.byIds(SERVER_TERMINAL_ID, [eventId]);
    if (stored) {
      const first = giftCardLoadedV1Schema.parse(storedDocument(stored)) as GiftCardLoadedEvent;
      if (first.code !== code || first.amountCents !== request.amountCents) {
        return err(
          'idempotency-key-reused',
          `The key "${request.key}" already loaded ${first.amountCents} cents onto card ${first.code}; a key names one top-up.`,
        );
      }
      return ok(await giftCardAnswerOf(tx, code, eventId, true));
    }
    const card = await tx.giftCards.get(code);
    if (!card) return err(GIFT_CARD_UNKNOWN, `No gift card or store credit ${code} is known to this server.`);
    if (card.status === 'blocked')
      return err('gift-card-blocked', `Card ${code} is blocked; it takes no value.`);
    const draft = {
      id: eventId,
      type: 'gift-card-loaded' as const,
      // The card's issuing store: the top-up concerns that card, wherever it is loaded.
      storeId: card.issuedStoreId,
      code,
      amountCents: request.amountCents,
      key: request.key,
    };
    await appendServerEvents(tx, [draft as unknown as ServerEventDraft], now, config);
    return ok(await giftCardAnswerOf(tx, code, eventId, false));
  });
}
