import type { StoreSyncStatus, TillSyncStatus } from '../../../../core/backoffice/api';
import { businessDayOf } from '../../../../core/store/store-settings';
import type { Storage } from '../../storage/storage';
import { terminalsReport, type TerminalReport } from '../admin-reports';
import { missingAt, tillComplete } from './missing';
import { firstReceivedAbove, lostRanges, openExceptionCounts, parkedCounts, type LostRange } from './queries';
import { mergeRanges, subtractRanges } from './ranges';

export interface SyncStatusOptions {
  /** A till not seen for longer is silent: a manager should look. */
  silentAfterMs?: number;
  /** A till seen within this window is online. */
  onlineWithinMs?: number;
}

export const SILENT_AFTER_MS = 15 * 60_000;
export const ONLINE_WITHIN_MS = 2 * 60_000;

/**
 * Is every sale of the store's tills at HQ? Per till: when it was last seen, what it said was
 * waiting with its last push, the seq gaps still open (lost ones taken out) and since when, its
 * chain, parked and refused events and clock skew. Undefined for a store that does not exist.
 */
export async function storeSyncStatus(
  storage: Storage,
  storeId: string,
  now: number,
  options: SyncStatusOptions = {},
): Promise<StoreSyncStatus | undefined> {
  const store = await storage.stores.get(storeId);
  if (!store) return undefined;
  const [reports, exceptions, parked, lost] = await Promise.all([
    terminalsReport(storage, storeId),
    openExceptionCounts(storage, storeId),
    parkedCounts(storage, storeId),
    lostRanges(storage, storeId),
  ]);
  const records = new Map((await storage.terminals.list(storeId)).map((t) => [t.terminalId, t]));
  const tills = await Promise.all(
    reports.map(async (r): Promise<TillSyncStatus> => {
      const rec = records.get(r.terminalId);
      const seenAt = r.lastSeenAt;
      const quietSince = seenAt ?? r.pairedAt;
      const counts = exceptions.get(r.terminalId) ?? { chain: 0, refused: 0 };
      return {
        terminalId: r.terminalId,
        name: r.name,
        online: seenAt !== null && now - seenAt <= (options.onlineWithinMs ?? ONLINE_WITHIN_MS),
        lastSeenAt: seenAt,
        pendingOnTill: rec?.pendingReported ?? null,
        pendingReportedAt: rec?.pendingReportedAt ?? null,
        lastSeq: r.lastSeq,
        contiguousSeq: r.contiguousSeq,
        gaps: await openGaps(storage, r, lost),
        lost: lostOf(r.terminalId, lost),
        chain: counts.chain > 0 ? 'broken' : 'ok',
        parked: parked.get(r.terminalId) ?? 0,
        refused: counts.refused,
        clockSkewMs: rec?.clockSkewMs ?? null,
        silent: now - quietSince > (options.silentAfterMs ?? SILENT_AFTER_MS),
      };
    }),
  );
  return {
    storeId,
    businessDay: businessDayOf(now, store.timeZone),
    allAtHq: tills.every(tillComplete),
    missing: tills.flatMap((t) => missingAt(t, now)),
    tills,
    checkedAt: now,
  };
}

/** Every store's status, in the order the stores list them. */
export async function chainSyncStatus(
  storage: Storage,
  now: number,
  options: SyncStatusOptions = {},
): Promise<StoreSyncStatus[]> {
  const stores = await storage.stores.list();
  const out: StoreSyncStatus[] = [];
  for (const s of stores) {
    const status = await storeSyncStatus(storage, s.storeId, now, options);
    if (status) out.push(status);
  }
  return out;
}

const lostOf = (terminalId: string, lost: readonly LostRange[]) =>
  mergeRanges(lost.filter((l) => l.terminalId === terminalId).map(({ from, to }) => ({ from, to })));

async function openGaps(storage: Storage, r: TerminalReport, lost: readonly LostRange[]) {
  const open = subtractRanges(r.gaps, lostOf(r.terminalId, lost));
  return Promise.all(
    open.map(async (g) => ({
      ...g,
      // A gap exists only because a seq above it arrived, so that arrival is always there.
      openSince: (await firstReceivedAbove(storage, r.terminalId, g.to)) ?? 0,
    })),
  );
}
