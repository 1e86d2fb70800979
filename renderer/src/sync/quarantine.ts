/**
 * Pulled read-model documents this till could not read (they fail its schema): kept aside so
 * the pull moves on, shown to the cashier and manager, and tried again — when HQ sends the
 * document again (a fixed version replaces its entry and lands) and, after the app version
 * changes, by re-pulling the collection from the earliest quarantined checkpoint (a newer build
 * may understand it). Persisted on the till (local storage in the renderer), bounded.
 */

export interface QuarantineEntry {
  collection: string;
  /** The document's id, or `?<serverSeq>` when it had no readable one. */
  id: string;
  /** The checkpoint its page was pulled from: pulling from here gets the document again. */
  fromServerSeq: number;
  /** The document's own serverSeq, when it had a readable one. */
  serverSeq: number | null;
  /** Why the schema refused it (the first issue, in zod's words). */
  reason: string;
  at: number;
  /** The app version that could not read it. */
  appVersion: string;
}

export type QuarantineInput = Omit<QuarantineEntry, 'appVersion'>;

interface Overflow {
  count: number;
  fromServerSeq: number;
  /** Highest serverSeq counted: a page pulled again does not count its documents twice. */
  throughServerSeq: number;
}

export interface QuarantineState {
  appVersion: string;
  entries: QuarantineEntry[];
  /** Documents past the bound, per collection: counted and re-pullable, not kept. */
  overflow: Record<string, Overflow>;
  /** Collections being re-pulled after an app version change: the cursor (a restart resumes it). */
  rewind: Record<string, number>;
}

export interface QuarantineStorage {
  load(): unknown;
  save(state: QuarantineState): void;
}

export interface QuarantineStore {
  entries(): readonly QuarantineEntry[];
  /** Every quarantined document, the ones past the bound included. */
  count(): number;
  put(entry: QuarantineInput): void;
  /** These documents arrived readable: their entries go. */
  clear(collection: string, ids: readonly string[]): void;
  /** Where the re-pull of `collection` stands, if one is due. */
  rewindCursor(collection: string): number | undefined;
  rewindTo(collection: string, serverSeq: number): void;
  /** The re-pull reached the checkpoint: an old entry it did not meet again is gone from HQ. */
  rewindDone(collection: string): void;
  subscribe(listener: () => void): () => void;
}

export const QUARANTINE_LIMIT = 1_000;
const REASON_CHARS = 300;

const key = (collection: string, id: string) => `${collection}\u0000${id}`;

function parseState(raw: unknown, appVersion: string): QuarantineState {
  const s = raw as Partial<QuarantineState> | null | undefined;
  if (!s || typeof s !== 'object' || !Array.isArray(s.entries) || typeof s.appVersion !== 'string') {
    return { appVersion, entries: [], overflow: {}, rewind: {} };
  }
  return {
    appVersion: s.appVersion,
    entries: s.entries.filter((e) => e && typeof e.collection === 'string' && typeof e.id === 'string'),
    overflow: s.overflow && typeof s.overflow === 'object' ? s.overflow : {},
    rewind: s.rewind && typeof s.rewind === 'object' ? s.rewind : {},
  };
}

export function createQuarantineStore({
  appVersion,
  storage,
  limit = QUARANTINE_LIMIT,
}: {
  appVersion: string;
  storage?: QuarantineStorage;
  limit?: number;
}): QuarantineStore {
  const state = parseState(storage?.load(), appVersion);
  const index = new Map(state.entries.map((e, i) => [key(e.collection, e.id), i]));
  const listeners = new Set<() => void>();
  const changed = () => {
    storage?.save(state);
    for (const l of listeners) l();
  };
  const reindex = () => {
    index.clear();
    state.entries.forEach((e, i) => index.set(key(e.collection, e.id), i));
  };

  // A new build: every collection with something quarantined is pulled again from its earliest
  // quarantined checkpoint. The overflow is counted afresh by that re-pull.
  if (state.appVersion !== appVersion) {
    const from: Record<string, number> = { ...state.rewind };
    const earliest = (c: string, seq: number) => (from[c] = Math.min(from[c] ?? seq, seq));
    for (const e of state.entries) earliest(e.collection, e.fromServerSeq);
    for (const [c, o] of Object.entries(state.overflow)) if (o.count > 0) earliest(c, o.fromServerSeq);
    state.rewind = from;
    state.overflow = {};
    state.appVersion = appVersion;
    changed();
  }

  return {
    entries: () => state.entries,
    count: () => state.entries.length + Object.values(state.overflow).reduce((n, o) => n + o.count, 0),
    put(input) {
      const entry: QuarantineEntry = { ...input, reason: input.reason.slice(0, REASON_CHARS), appVersion };
      const at = index.get(key(entry.collection, entry.id));
      if (at !== undefined) {
        state.entries[at] = entry;
      } else if (state.entries.length < limit) {
        index.set(key(entry.collection, entry.id), state.entries.length);
        state.entries.push(entry);
      } else {
        const seq = entry.serverSeq ?? Number.MAX_SAFE_INTEGER;
        const o = (state.overflow[entry.collection] ??= {
          count: 0,
          fromServerSeq: entry.fromServerSeq,
          throughServerSeq: -1,
        });
        if (entry.serverSeq !== null && seq <= o.throughServerSeq) return;
        o.count++;
        o.fromServerSeq = Math.min(o.fromServerSeq, entry.fromServerSeq);
        o.throughServerSeq = Math.max(o.throughServerSeq, entry.serverSeq ?? o.throughServerSeq);
      }
      changed();
    },
    clear(collection, ids) {
      const gone = new Set(ids.filter((id) => index.has(key(collection, id))));
      if (gone.size === 0) return;
      state.entries = state.entries.filter((e) => e.collection !== collection || !gone.has(e.id));
      reindex();
      changed();
    },
    rewindCursor: (collection) => state.rewind[collection],
    rewindTo(collection, serverSeq) {
      if (state.rewind[collection] === undefined || state.rewind[collection] >= serverSeq) return;
      state.rewind[collection] = serverSeq;
      storage?.save(state);
    },
    rewindDone(collection) {
      if (state.rewind[collection] === undefined) return;
      delete state.rewind[collection];
      state.entries = state.entries.filter((e) => e.collection !== collection || e.appVersion === appVersion);
      reindex();
      changed();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The renderer's local storage under `key`, or undefined where there is none (Node). */
export function localQuarantineStorage(storageKey: string): QuarantineStorage | undefined {
  const ls = (globalThis as { localStorage?: Storage }).localStorage;
  if (!ls) return undefined;
  return {
    load() {
      try {
        return JSON.parse(ls.getItem(storageKey) ?? 'null');
      } catch {
        return null;
      }
    },
    // A full local storage must not stop the pull: the entry is then held in memory only.
    save(state) {
      try {
        ls.setItem(storageKey, JSON.stringify(state));
      } catch {
        /* kept in memory */
      }
    },
  };
}
