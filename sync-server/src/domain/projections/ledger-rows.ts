import type { LoyaltyEntry } from '../../../../core/journal/sale-event';
import { SPEND_PROGRAM_ID } from '../../../../core/loyalty/spend-ids';
import { localTime } from '../../../../core/rules/local-time';
import type { LedgerRow } from '../../storage/repos/ledger';
import type { StorageTx } from '../../storage/storage';
import type { ProgramVersions } from './program-versions';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the ledger projection makes of an event's loyalty rows: the rows and when they count. */
export type RowTiming = { pending: boolean; availableAt: number | null; expiresAt: number | null };

export function rowOf(
  e: LoyaltyEntry,
  t: { pending: boolean; availableAt: number | null; expiresAt: number | null },
  o: {
    memberId: string | null;
    provisionalCard: string | null;
    serverSeq: number;
    event: { terminalId: string; storeId: string; seq: number; createdAt: number };
  },
): LedgerRow {
  return {
    entry_id: e.id,
    member_id: o.memberId,
    provisional_card: o.provisionalCard,
    server_seq: o.serverSeq,
    terminal_id: o.event.terminalId,
    store_id: o.event.storeId,
    seq: o.event.seq,
    account: e.account,
    unit: e.unit,
    amount: e.amount,
    program_id: e.programId,
    program_version: e.programVersion,
    rule_id: e.ruleId,
    text: e.text,
    created_at: o.event.createdAt,
    status: t.pending ? 'pending' : 'posted',
    available_at: t.availableAt,
    expires_at: t.expiresAt,
  };
}

/**
 * When each row becomes spendable and when it expires, by its program version's settings, in the
 * store's calendar: `pendingDays` later at the same wall-clock time, `expiresAfterMonths` later on
 * the same day of the month (the 31st becomes the month's last day) at the same wall-clock time.
 */
export async function timingOf(
  tx: StorageTx,
  versions: ProgramVersions,
  programs: readonly { programId: string; version: number }[],
  createdAt: number,
  timeZone: string,
) {
  const settings = new Map<string, { pendingDays?: number; expiresAfterMonths?: number }>();
  for (const { programId, version } of programs) {
    const v = await versions.get(tx, programId, version);
    if (v) settings.set(`${programId}@${version}`, v.program);
  }
  const memo = new Map<string, { pending: boolean; availableAt: number | null; expiresAt: number | null }>();
  return (e: { programId: string; programVersion: number; account: string; amount: number }) => {
    const s = settings.get(`${e.programId}@${e.programVersion}`);
    // A spend (or a spend credited back by a return) is never pending: only earning waits.
    const earns = e.account === 'points' && e.amount > 0 && e.programId !== SPEND_PROGRAM_ID;
    const days = earns ? (s?.pendingDays ?? 0) : 0;
    const months = earns ? (s?.expiresAfterMonths ?? 0) : 0;
    const key = `${days}/${months}`;
    let t = memo.get(key);
    if (!t) {
      t = {
        pending: days > 0,
        availableAt: days > 0 ? shiftLocal(createdAt, timeZone, 0, days) : null,
        expiresAt: months > 0 ? shiftLocal(createdAt, timeZone, months, 0) : null,
      };
      memo.set(key, t);
    }
    return t;
  };
}

/** Local wall clock as if it were UTC, minus the instant: the zone's offset at `at`, in ms. */
function offsetAt(at: number, timeZone: string): number {
  const l = localTime(at, timeZone);
  const minute = Math.floor(at / 60_000) * 60_000;
  return Date.UTC(l.year, l.month - 1, l.day, Math.floor(l.minutes / 60), l.minutes % 60) - minute;
}

/**
 * The instant `months` and `days` later on the store's calendar at the same wall-clock time. Two or
 * three zone look-ups, no search: the fold stays fast. A wall-clock time the DST change skips maps
 * to the instant an hour on (02:30 → 03:30 CEST).
 */
export function shiftLocal(at: number, timeZone: string, months: number, days: number): number {
  const offset = offsetAt(at, timeZone);
  const wall = new Date(at + offset);
  const target = new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(wall.getUTCDate(), last) + days);
  const targetWall = target.getTime() + ((((at + offset) % DAY_MS) + DAY_MS) % DAY_MS);
  const guess = targetWall - offset;
  return targetWall - offsetAt(guess, timeZone);
}

/** A ledger entry id listed twice in one event is one row, booked once (the first listing counts). */
export function onceEach<E extends { id: string }>(entries: readonly E[]): E[] {
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.id) && (seen.add(e.id), true));
}
