import { z } from 'zod';
import { nextSerial, remainingSerials, type CardBlock } from '../../../core/loyalty/card-range';
import {
  CODE_RANGE_FORMAT_ID,
  CODE_RANGE_LOW,
  codeBlockSchema,
  codeRangesPath,
  codeRangesResponseSchema,
} from '../../../core/sync/code-range-protocol';
import { syncCall, type SyncEndpoint } from '../sync/sync-api';

/**
 * This till's serial blocks for the coupons and vouchers it issues offline (issue 9), kept like
 * the card ranges (card-range.ts): in localStorage the server's blocks and `usedThrough`, the
 * highest serial handed out, written BEFORE the serial is used, so a serial lost to a crash is a
 * harmless hole and never issued twice. The till's own journal is the floor beneath that marker:
 * every code of the format its sales issued raises it (only events after the last seq read).
 */
export interface CodeRangeStore {
  /** Reserves the next serial of this till's range, durably, before a code is made with it. */
  next(): Promise<CodeSerialReservation>;
  /** Asks the server for a block when fewer than CODE_RANGE_LOW serials are left (offline: no-op). */
  refresh(): Promise<void>;
  remaining(): number;
}

export type CodeSerialReservation =
  | { ok: true; serial: number; remaining: number }
  /** 'none': the till never got a block (never online since pairing); 'used-up': all issued. */
  | { ok: false; reason: 'none' | 'used-up' };

/** A journal event as far as this module reads it. */
export interface JournalIssuedCodesView {
  seq: number;
  type: string;
  issuedCodes?: unknown;
}

export interface CodeRangeStoreOptions {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  key: string;
  /** The till's journal events with seq > `seq`, in any order. */
  journalAfter(seq: number): Promise<JournalIssuedCodesView[]>;
  /** POST the code-ranges request: the till's blocks after the server's decision. */
  ask(remaining: number): Promise<CardBlock[]>;
}

const savedSchema = z.object({
  blocks: z.array(codeBlockSchema).max(10_000),
  usedThrough: z.number().int().min(-1),
  checkedSeq: z.number().int().nonnegative(),
});
type Saved = z.infer<typeof savedSchema>;
const EMPTY: Saved = { blocks: [], usedThrough: -1, checkedSeq: 0 };

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The 'kassa-coupon' layout (core/scan/scan-config.ts): KC + campaign (4) + serial (6) + MAC (8). */
const SERIAL_AT = 2 + 4;
const SERIAL_LENGTH = 6;
const CODE_LENGTH = 2 + 4 + 6 + 8;

/** The serial of a 'kassa-coupon' code as issued (hyphens and case ignored), else undefined. */
export function couponSerialOf(code: string): number | undefined {
  const c = code.replace(/[-\s]/g, '').toUpperCase();
  if (c.length !== CODE_LENGTH || !c.startsWith('KC')) return undefined;
  let serial = 0;
  for (const ch of c.slice(SERIAL_AT, SERIAL_AT + SERIAL_LENGTH)) {
    const v = CROCKFORD.indexOf(ch);
    if (v < 0) return undefined;
    serial = serial * 32 + v;
  }
  return serial;
}

/** The serials of this format a journal event issued. */
function issuedSerials(e: JournalIssuedCodesView): number[] {
  if (e.type !== 'sale' || !Array.isArray(e.issuedCodes)) return [];
  const out: number[] = [];
  for (const c of e.issuedCodes as unknown[]) {
    if (typeof c !== 'object' || c === null) continue;
    const { formatId, code } = c as { formatId?: unknown; code?: unknown };
    if (formatId !== CODE_RANGE_FORMAT_ID || typeof code !== 'string') continue;
    const serial = couponSerialOf(code);
    if (serial !== undefined) out.push(serial);
  }
  return out;
}

export function createCodeRangeStore(o: CodeRangeStoreOptions): CodeRangeStore {
  const own = (blocks: readonly CardBlock[]) => blocks.filter((b) => b.formatId === CODE_RANGE_FORMAT_ID);
  let state = load();
  // One reservation or refresh at a time: two codes of one sale never get the same serial.
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

  async function catchUpWithJournal(): Promise<void> {
    const events = await o.journalAfter(state.checkedSeq);
    let { usedThrough, checkedSeq } = state;
    for (const e of events) {
      checkedSeq = Math.max(checkedSeq, e.seq);
      for (const serial of issuedSerials(e)) usedThrough = Math.max(usedThrough, serial);
    }
    if (usedThrough !== state.usedThrough || checkedSeq !== state.checkedSeq) {
      save({ ...state, usedThrough, checkedSeq });
    }
  }

  const remaining = () => remainingSerials(own(state.blocks), state.usedThrough);

  async function refreshNow(): Promise<void> {
    if (remaining() >= CODE_RANGE_LOW) return;
    try {
      save({ ...state, blocks: await o.ask(remaining()) });
    } catch {
      // Offline or refused: the till issues from what it holds and asks again later.
    }
  }

  return {
    remaining,
    refresh: () => serially(refreshNow),
    next: () =>
      serially(async (): Promise<CodeSerialReservation> => {
        await catchUpWithJournal();
        const serial = nextSerial(own(state.blocks), state.usedThrough);
        if (serial === undefined) return { ok: false, reason: state.blocks.length ? 'used-up' : 'none' };
        save({ ...state, usedThrough: serial });
        if (remaining() < CODE_RANGE_LOW) queue = queue.then(refreshNow);
        return { ok: true, serial, remaining: remaining() };
      }),
  };
}

/** The store of a paired till: localStorage per terminal, its RxDB journal, the sync server. */
export function codeRangeStoreFor(
  terminalId: string,
  endpoint: SyncEndpoint,
  journalAfter: CodeRangeStoreOptions['journalAfter'],
): CodeRangeStore {
  return createCodeRangeStore({
    storage: localStorage,
    key: `kassa.codeRange.${terminalId}`,
    journalAfter,
    ask: async (remaining) =>
      (
        await syncCall(endpoint, codeRangesPath, codeRangesResponseSchema, {
          method: 'POST',
          body: JSON.stringify({ remaining }),
        })
      ).blocks,
  });
}
