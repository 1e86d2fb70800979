import type { CardBlock } from '../../../core/loyalty/card-range';
import {
  CODE_RANGE_FORMAT_ID,
  CODE_RANGE_LOW,
  codeRangesPath,
  codeRangesResponseSchema,
} from '../../../core/sync/code-range-protocol';
import { syncCall, type SyncEndpoint } from '../sync/sync-api';
import { createSerialRange, type SerialReservation } from './serial-range';

/**
 * This till's serial blocks for the coupons and vouchers it issues offline (issue 9), kept as
 * serial-range.ts keeps any till's serials; every code of the format its sales issued is the floor.
 */
export interface CodeRangeStore {
  /** Reserves the next serial of this till's range, durably, before a code is made with it. */
  next(): Promise<CodeSerialReservation>;
  /** Asks the server for a block when fewer than CODE_RANGE_LOW serials are left (offline: no-op). */
  refresh(): Promise<void>;
  remaining(): number;
}

export type CodeSerialReservation = SerialReservation;

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
  const range = createSerialRange<JournalIssuedCodesView>({
    ...o,
    formatId: CODE_RANGE_FORMAT_ID,
    low: CODE_RANGE_LOW,
    serialsOf: issuedSerials,
  });
  return { remaining: range.remaining, refresh: range.refresh, next: range.reserve };
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
