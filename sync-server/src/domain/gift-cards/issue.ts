import { giftCardIssuedV1Schema, type GiftCardIssuedEvent } from '../../../../core/journal/gift-card-events';
import { SERVER_TERMINAL_ID } from '../../../../core/journal/server-events';
import { err, ok, type Result } from '../../../../core/result/result';
import { signCode } from '../../../../core/scan/signed-code';
import type { Storage, StorageTx } from '../../storage/storage';
import { DEFAULT_FOLD_CONFIG } from '../projections/default-projections';
import { storedDocument } from '../projections/fold-inputs';
import type { FoldConfig } from '../projections/projection';
import { appendServerEvents, type ServerEventDraft } from '../server-stream/append';
import { idFromSeed } from '../server-stream/ids';
import { lockServerStream } from '../server-stream/lock';
import { giftCardFormat } from './format';
import type { IssueGiftCardRequest } from './requests';
import { giftCardAnswerOf, type GiftCardAnswer } from './view';

export type IssueGiftCardFailure = 'store-unknown' | 'idempotency-key-reused' | 'gift-card-serials-used-up';

export const issuedEventId = (key: string): string => idFromSeed(`gift-card-issued:${key}`);

/**
 * Issues a new gift card (or store credit): the next serial of the server's counter, signed with
 * the chain's gift-card key (giftCardFormat), written as a `gift-card-issued` event on the
 * server's stream and folded into the card's ledger in the same transaction. Idempotent on the
 * key: the same request again answers the same card and writes nothing; the same key with other
 * content is refused.
 */
export async function issueGiftCard(
  storage: Storage,
  request: IssueGiftCardRequest,
  now: number,
  config: FoldConfig = DEFAULT_FOLD_CONFIG,
): Promise<Result<GiftCardAnswer, IssueGiftCardFailure>> {
  const eventId = issuedEventId(request.key);
  return storage.transaction(async (tx) => {
    // Held until commit: nobody appends between the look-up of the key and the write.
    await lockServerStream(tx);
    const [stored] = await tx.journal.byIds(SERVER_TERMINAL_ID, [eventId]);
    if (stored) {
      const first = giftCardIssuedV1Schema.parse(storedDocument(stored)) as GiftCardIssuedEvent;
      const same =
        first.kind === request.kind &&
        first.amountCents === request.amountCents &&
        first.storeId === request.storeId &&
        (request.currency === undefined || request.currency === first.currency);
      if (!same) {
        return err(
          'idempotency-key-reused',
          `The key "${request.key}" already issued ${first.kind} ${first.code} (${first.amountCents} cents ${first.currency}, store ${first.storeId}); a key names one card.`,
        );
      }
      return ok(await giftCardAnswerOf(tx, first.code, eventId, true));
    }
    const store = await tx.stores.get(request.storeId);
    if (!store) return err('store-unknown', `No store ${request.storeId}.`);
    const code = await nextCode(tx, now);
    if (code === undefined) {
      return err(
        'gift-card-serials-used-up',
        'Every gift-card serial of this format is used; a new format is needed.',
      );
    }
    const draft = {
      id: eventId,
      type: 'gift-card-issued' as const,
      storeId: store.storeId,
      code,
      kind: request.kind,
      currency: request.currency ?? store.currency,
      amountCents: request.amountCents,
      key: request.key,
    };
    // The server stream's drafts are typed by server-events.ts; these events are registered beside them.
    await appendServerEvents(tx, [draft as unknown as ServerEventDraft], now, config);
    return ok(await giftCardAnswerOf(tx, code, eventId, false));
  });
}

/** The next serial, as a signed code of the chain's gift-card format; undefined when used up. */
async function nextCode(tx: StorageTx, now: number): Promise<string | undefined> {
  const format = await giftCardFormat(tx, now);
  const serial = await tx.giftCards.nextSerial();
  const payload = String(serial).padStart(format.payloadLength, '0');
  if (payload.length > format.payloadLength) return undefined;
  return signCode(format, format.keys[0] as (typeof format.keys)[number], payload);
}
