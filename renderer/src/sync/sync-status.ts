import type { RefusedEvent } from '../../../core/sync/protocol';

/** A journal event the server refused (422 `event-refused`), as the till keeps it. */
export type RefusedEventNote = RefusedEvent & { refusedAt: number };

/**
 * What the sync indicator shows, kept outside React so the replication code can report into it
 * and any component can read it (useSyncExternalStore).
 */
export interface SyncSnapshot {
  /** null until the first call to the server has answered or failed. */
  online: boolean | null;
  /** Highest journal seq the server has acknowledged for this terminal. */
  ackSeq: number;
  /** Highest seq in the local journal. */
  localSeq: number;
  /** Epoch ms of the last call the server answered successfully. */
  lastSyncAt: number | null;
  /** The catalogue pull is running (first replication or a resync). */
  pulling: boolean;
  /** The server answered but refused (401, 422, 5xx…): what it said, until a call succeeds. */
  problem: string | null;
  /**
   * Events the server refused, oldest first. Later events still sync, so this is not a state of
   * the connection: a manager has to look at each one.
   */
  refused: readonly RefusedEventNote[];
  /**
   * Documents from HQ this till could not read (quarantine.ts): the pull went on past them and
   * tries them again; a manager should know HQ's data and this build disagree.
   */
  quarantined: number;
}

export type SyncState = 'offline' | 'refused' | 'syncing' | 'synced';

export interface SyncStatusStore {
  get(): SyncSnapshot;
  subscribe(listener: () => void): () => void;
  reportOnline(atMs: number): void;
  reportOffline(): void;
  reportProblem(message: string): void;
  acknowledge(seq: number): void;
  /** The server lost what it had acknowledged above `seq` (a restored backup): count it waiting again. */
  serverLostAbove(seq: number): void;
  setLocalSeq(seq: number): void;
  setPulling(pulling: boolean): void;
  setRefused(refused: readonly RefusedEventNote[]): void;
  setQuarantined(count: number): void;
}

export function waitingCount(s: SyncSnapshot): number {
  return Math.max(0, s.localSeq - s.ackSeq);
}

export function syncState(s: SyncSnapshot): SyncState {
  if (s.online === false) return 'offline';
  if (s.problem !== null) return 'refused';
  if (s.online === null || s.pulling || waitingCount(s) > 0) return 'syncing';
  return 'synced';
}

export interface SyncStatusOptions {
  /** Persisted acknowledged seq, so "N waiting" is right after a reload while offline. */
  loadAck?: () => number;
  saveAck?: (seq: number) => void;
}

export function createSyncStatusStore(options: SyncStatusOptions = {}): SyncStatusStore {
  let snapshot: SyncSnapshot = {
    online: null,
    ackSeq: options.loadAck?.() ?? 0,
    localSeq: 0,
    lastSyncAt: null,
    pulling: false,
    problem: null,
    refused: [],
    quarantined: 0,
  };
  const listeners = new Set<() => void>();
  const update = (patch: Partial<SyncSnapshot>) => {
    const next = { ...snapshot, ...patch };
    if ((Object.keys(patch) as (keyof SyncSnapshot)[]).every((k) => next[k] === snapshot[k])) return;
    snapshot = next;
    for (const l of listeners) l();
  };
  return {
    get: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reportOnline: (atMs) => update({ online: true, lastSyncAt: atMs, problem: null }),
    reportOffline: () => update({ online: false }),
    reportProblem: (message) => update({ online: true, problem: message }),
    acknowledge(seq) {
      if (seq <= snapshot.ackSeq) return;
      // The stored seq is the terminal's, not this store's: a session closed with a push still out
      // can hear its answer after the next session stored more (simulation seed 1621), and a late
      // answer must not lower it. Only serverLostAbove lowers it.
      if (seq > (options.loadAck?.() ?? 0)) options.saveAck?.(seq);
      update({ ackSeq: seq });
    },
    serverLostAbove(seq) {
      if (seq >= snapshot.ackSeq) return;
      options.saveAck?.(seq);
      update({ ackSeq: seq });
    },
    setLocalSeq: (seq) => update({ localSeq: seq }),
    setPulling: (pulling) => update({ pulling }),
    setRefused: (refused) => update({ refused }),
    setQuarantined: (quarantined) => update({ quarantined }),
  };
}

/** How old the replica is at `nowMs`: ms since the till last reached the server (null: never). */
export function replicaAgeAt(lastSyncAt: number | null, nowMs: number): number | null {
  return lastSyncAt === null ? null : Math.max(0, nowMs - lastSyncAt);
}
