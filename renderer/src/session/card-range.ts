import { z } from 'zod';
import {
  cardNumberOf,
  DEMO_CARD_SERIES,
  nextSerial,
  remainingSerials,
  serialOfCard,
  type CardBlock,
  type CardSeries,
} from '../../../core/loyalty/card-range';
import {
  CARD_RANGE_LOW,
  cardBlockSchema,
  cardRangesPath,
  cardRangesResponseSchema,
} from '../../../core/sync/card-range-protocol';
import { syncCall, type SyncEndpoint } from '../sync/sync-api';

/**
 * This till's card number blocks and the next number to issue (issue 8). Kept in localStorage:
 * the blocks (the server's answer, re-asked whenever online) and `usedThrough`, the highest serial
 * this till has SHOWN — written before the number reaches the screen, so a number shown and then
 * lost to a reload or a crash (the cashier may have written it on a paper card already) is never
 * shown again: it becomes a harmless hole. The till's own journal is the floor beneath that
 * marker: every enrolment it wrote with a range number is read back (only events after the last
 * seq read), so a lost or stale localStorage can never make the till issue a number twice.
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

const savedSchema = z.object({
  blocks: z.array(cardBlockSchema).max(10_000),
  usedThrough: z.number().int().min(-1),
  checkedSeq: z.number().int().nonnegative(),
});
type Saved = z.infer<typeof savedSchema>;
const EMPTY: Saved = { blocks: [], usedThrough: -1, checkedSeq: 0 };

export function createCardRangeStore(o: CardRangeStoreOptions): CardRangeStore {
  const series = o.series ?? DEMO_CARD_SERIES;
  const own = (blocks: readonly CardBlock[]) => blocks.filter((b) => b.formatId === series.format.id);
  let state = load();
  // One reservation or refresh at a time: a double tap never gets the same number twice.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };

  function load(): Saved {
    try {
      const parsed = savedSchema.safeParse(JSON.parse(o.storage.getItem(o.key) ?? 'null'));
      return parsed.success ? parsed.data : EMPTY;
    } catch {
      return EMPTY; // unreadable: the journal floor below still holds
    }
  }
  const save = (next: Saved) => {
    state = next;
    o.storage.setItem(o.key, JSON.stringify(next));
  };

  /** Raises usedThrough to every range number the journal holds past the last seq read. */
  async function catchUpWithJournal(): Promise<void> {
    const events = await o.journalAfter(state.checkedSeq);
    let { usedThrough, checkedSeq } = state;
    for (const e of events) {
      checkedSeq = Math.max(checkedSeq, e.seq);
      if (e.type !== 'enrolment' || e.cardSource !== 'range' || typeof e.card !== 'string') continue;
      const serial = serialOfCard(series.format, e.card);
      if (serial !== undefined) usedThrough = Math.max(usedThrough, serial);
    }
    if (usedThrough !== state.usedThrough || checkedSeq !== state.checkedSeq) {
      save({ ...state, usedThrough, checkedSeq });
    }
  }

  const remaining = () => remainingSerials(own(state.blocks), state.usedThrough);

  async function refreshNow(): Promise<void> {
    if (remaining() >= CARD_RANGE_LOW) return;
    try {
      const blocks = await o.ask(remaining());
      save({ ...state, blocks });
    } catch {
      // Offline or refused: the till issues from what it holds and asks again later.
    }
  }

  return {
    remaining,
    refresh: () => serially(refreshNow),
    reserve: () =>
      serially(async (): Promise<CardReservation> => {
        await catchUpWithJournal();
        const serial = nextSerial(own(state.blocks), state.usedThrough);
        if (serial === undefined) return { ok: false, reason: state.blocks.length ? 'used-up' : 'none' };
        save({ ...state, usedThrough: serial });
        // Ask for the next block in the background while this number is being written down.
        if (remaining() < CARD_RANGE_LOW) queue = queue.then(refreshNow);
        return { ok: true, card: cardNumberOf(series.format, serial), serial, remaining: remaining() };
      }),
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
