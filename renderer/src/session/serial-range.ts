import { z } from 'zod';
import { nextSerial, remainingSerials, type CardBlock } from '../../../core/loyalty/card-range';
import { cardBlockSchema } from '../../../core/sync/card-range-protocol';

/**
 * A till's blocks of serials of one format and the next serial to hand out — what the card
 * numbers it issues (card-range.ts) and the coupon and voucher codes it issues (code-range.ts)
 * share. Kept in localStorage: the blocks (the server's answer, re-asked whenever online) and
 * `usedThrough`, the highest serial handed out, written BEFORE the serial is used, so a serial
 * lost to a reload or a crash is a harmless hole and never handed out twice. The till's own
 * journal is the floor beneath that marker: each event after the last seq read raises it by the
 * serials it used (`serialsOf`), so a lost or stale localStorage can never repeat a serial.
 */
export interface SerialRange {
  /** Reserves the next serial, durably, before it is used. */
  reserve(): Promise<SerialReservation>;
  /** Asks the server for a block when fewer than `low` serials are left (offline: no-op). */
  refresh(): Promise<void>;
  remaining(): number;
}

export type SerialReservation =
  | { ok: true; serial: number; remaining: number }
  /** 'none': the till never got a block (never online since pairing); 'used-up': all issued. */
  | { ok: false; reason: 'none' | 'used-up' };

export interface SerialRangeOptions<E extends { seq: number }> {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  key: string;
  /** The format whose blocks these are (the server's answer may list others). */
  formatId: string;
  /** Ask for a block when fewer serials than this are left. */
  low: number;
  /** The till's journal events with seq > `seq`, in any order. */
  journalAfter(seq: number): Promise<E[]>;
  /** The serials of this range an event used. */
  serialsOf(event: E): Iterable<number>;
  /** POST the ranges request: the till's blocks after the server's decision. */
  ask(remaining: number): Promise<CardBlock[]>;
}

const savedSchema = z.object({
  blocks: z.array(cardBlockSchema).max(10_000),
  usedThrough: z.number().int().min(-1),
  checkedSeq: z.number().int().nonnegative(),
});
type Saved = z.infer<typeof savedSchema>;
const EMPTY: Saved = { blocks: [], usedThrough: -1, checkedSeq: 0 };

export function createSerialRange<E extends { seq: number }>(o: SerialRangeOptions<E>): SerialRange {
  const own = (blocks: readonly CardBlock[]) => blocks.filter((b) => b.formatId === o.formatId);
  let state = load();
  // One reservation or refresh at a time: a double tap never gets the same serial twice.
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

  /** Raises usedThrough to every serial the journal used past the last seq read. */
  async function catchUpWithJournal(): Promise<void> {
    const events = await o.journalAfter(state.checkedSeq);
    let { usedThrough, checkedSeq } = state;
    for (const e of events) {
      checkedSeq = Math.max(checkedSeq, e.seq);
      for (const serial of o.serialsOf(e)) usedThrough = Math.max(usedThrough, serial);
    }
    if (usedThrough !== state.usedThrough || checkedSeq !== state.checkedSeq) {
      save({ ...state, usedThrough, checkedSeq });
    }
  }

  const remaining = () => remainingSerials(own(state.blocks), state.usedThrough);

  async function refreshNow(): Promise<void> {
    if (remaining() >= o.low) return;
    try {
      save({ ...state, blocks: await o.ask(remaining()) });
    } catch {
      // Offline or refused: the till issues from what it holds and asks again later.
    }
  }

  return {
    remaining,
    refresh: () => serially(refreshNow),
    reserve: () =>
      serially(async (): Promise<SerialReservation> => {
        await catchUpWithJournal();
        const serial = nextSerial(own(state.blocks), state.usedThrough);
        if (serial === undefined) return { ok: false, reason: state.blocks.length ? 'used-up' : 'none' };
        save({ ...state, usedThrough: serial });
        // Ask for the next block in the background while this serial is being used.
        if (remaining() < o.low) queue = queue.then(refreshNow);
        return { ok: true, serial, remaining: remaining() };
      }),
  };
}
