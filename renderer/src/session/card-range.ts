import {
  cardNumberOf,
  DEMO_CARD_SERIES,
  serialOfCard,
  type CardBlock,
  type CardSeries,
} from '../../../core/loyalty/card-range';
import {
  CARD_RANGE_LOW,
  cardRangesPath,
  cardRangesResponseSchema,
} from '../../../core/sync/card-range-protocol';
import { syncCall, type SyncEndpoint } from '../sync/sync-api';
import { createSerialRange } from './serial-range';

/**
 * This till's card number blocks and the next number to issue (issue 8), kept as serial-range.ts
 * keeps any till's serials: a number is reserved before it reaches the screen, so a number shown
 * and then lost to a reload or a crash (the cashier may have written it on a paper card already)
 * is never shown again, and every enrolment the journal holds with a range number is the floor.
 */
export interface CardRangeStore {
  /** Reserves the next number of this till's range, durably, before it is shown. */
  reserve(): Promise<CardReservation>;
  /** Asks the server for a block when fewer than CARD_RANGE_LOW numbers are left (offline: no-op). */
  refresh(): Promise<void>;
  remaining(): number;
}

export type CardReservation =
  | { ok: true; card: string; serial: number; remaining: number }
  /** 'none': the till never got a block (never online since pairing); 'used-up': all issued. */
  | { ok: false; reason: 'none' | 'used-up' };

/** A journal event as far as this module reads it. */
export interface JournalEnrolmentView {
  seq: number;
  type: string;
  card?: unknown;
  cardSource?: unknown;
}

export interface CardRangeStoreOptions {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  key: string;
  /** The till's journal events with seq > `seq`, in any order. */
  journalAfter(seq: number): Promise<JournalEnrolmentView[]>;
  /** POST the card-ranges request: the till's blocks after the server's decision. */
  ask(remaining: number): Promise<CardBlock[]>;
  series?: CardSeries;
}

export function createCardRangeStore(o: CardRangeStoreOptions): CardRangeStore {
  const series = o.series ?? DEMO_CARD_SERIES;
  const range = createSerialRange<JournalEnrolmentView>({
    ...o,
    formatId: series.format.id,
    low: CARD_RANGE_LOW,
    serialsOf: (e) => {
      if (e.type !== 'enrolment' || e.cardSource !== 'range' || typeof e.card !== 'string') return [];
      const serial = serialOfCard(series.format, e.card);
      return serial === undefined ? [] : [serial];
    },
  });
  return {
    remaining: range.remaining,
    refresh: range.refresh,
    reserve: async () => {
      const r = await range.reserve();
      return r.ok ? { ...r, card: cardNumberOf(series.format, r.serial) } : r;
    },
  };
}

/** The store of a paired till: localStorage per terminal, its RxDB journal, the sync server. */
export function cardRangeStoreFor(
  terminalId: string,
  endpoint: SyncEndpoint,
  journalAfter: CardRangeStoreOptions['journalAfter'],
): CardRangeStore {
  return createCardRangeStore({
    storage: localStorage,
    key: `kassa.cardRange.${terminalId}`,
    journalAfter,
    ask: async (remaining) =>
      (
        await syncCall(endpoint, cardRangesPath, cardRangesResponseSchema, {
          method: 'POST',
          body: JSON.stringify({ remaining }),
        })
      ).blocks,
  });
}
