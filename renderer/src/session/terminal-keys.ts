import { memberAppKeyId, MIN_MEMBER_APP_KEY_BYTES } from '../../../core/loyalty/member-app-code';
import type { SignedCodeKey } from '../../../core/scan/signed-code';
import { terminalKeysPath, terminalKeysSchema, type TerminalKeys } from '../../../core/sync/terminal-keys';
import { syncCall, type SyncEndpoint } from '../sync/sync-api';
import type { SyncStatusStore } from '../sync/sync-status';

/**
 * The keys this till verifies codes with offline (the chain's member-app key, current first, then
 * the previous one during a rotation; and the coupon and gift-card keys per signed-code format,
 * when the server sends them), fetched from `GET /sync/v1/terminal/keys`
 * when the till is online and KEPT in localStorage, so a restart offline still verifies.
 *
 * Why localStorage: it is synchronous (a scan is classified without waiting), it survives a
 * restart in the same profile as the IndexedDB journal, and it needs neither a new RxDB
 * collection (the till's count of open collections is capped) nor a host bridge change. It is as
 * safe as the terminal token the host keeps beside it: whoever reads this profile can do both.
 */
export interface TerminalKeysStore {
  /** The member-app keys held, current first; empty until the server first answered. */
  memberAppKeys(): readonly Uint8Array[];
  /** Key ids held, current first (for the log and tests). */
  memberAppKeyIds(): readonly string[];
  /**
   * The keys of one signed-code format ('kassa-coupon', 'kassa-gift-card'), current first, as the
   * scan config takes them; empty while the till holds none (never online, or an older server).
   */
  codeKeys(formatId: string): readonly SignedCodeKey[];
  /** Asks the server once; true when an answer was kept. */
  refresh(): Promise<boolean>;
  subscribe(listener: () => void): () => void;
}

export interface TerminalKeysOptions {
  terminalId: string;
  endpoint: SyncEndpoint;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  transport?: typeof fetch;
}

export const terminalKeysStorageKey = (terminalId: string): string => `kassa.terminalKeys.${terminalId}`;

const fromBase64url = (text: string): Uint8Array =>
  Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

interface Held {
  ids: string[];
  keys: Uint8Array[];
  codes: ReadonlyMap<string, readonly SignedCodeKey[]>;
}

/** Signed-code keys carry no check of their own: a key too short to be one is dropped. */
const MIN_CODE_KEY_BYTES = 16;

/** The keys of an answer, each checked against its id (a damaged copy is dropped, not used). */
function keysOf(answer: TerminalKeys): Held {
  const ids: string[] = [];
  const keys: Uint8Array[] = [];
  for (const k of answer.memberApp.keys) {
    const key = fromBase64url(k.key);
    if (key.length < MIN_MEMBER_APP_KEY_BYTES || memberAppKeyId(key) !== k.keyId) continue;
    ids.push(k.keyId);
    keys.push(key);
  }
  const codes = new Map<string, SignedCodeKey[]>();
  for (const c of answer.codes ?? []) {
    const held = c.keys
      .map((k) => ({ id: k.keyId, secret: fromBase64url(k.key) }))
      .filter((k) => k.secret.length >= MIN_CODE_KEY_BYTES);
    if (held.length > 0) codes.set(c.formatId, held);
  }
  return { ids, keys, codes };
}

function load(storage: TerminalKeysOptions['storage'], terminalId: string): TerminalKeys | undefined {
  try {
    const text = storage?.getItem(terminalKeysStorageKey(terminalId));
    if (!text) return undefined;
    const parsed = terminalKeysSchema.safeParse(JSON.parse(text));
    // A copy for another terminal (a profile reused after re-pairing) is not this till's.
    return parsed.success && parsed.data.terminalId === terminalId ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function createTerminalKeys(options: TerminalKeysOptions): TerminalKeysStore {
  const { terminalId, endpoint, transport } = options;
  const storage = options.storage ?? globalThis.localStorage;
  let held = keysOf(load(storage, terminalId) ?? { terminalId, memberApp: { keys: [] } });
  const listeners = new Set<() => void>();
  return {
    memberAppKeys: () => held.keys,
    memberAppKeyIds: () => held.ids,
    codeKeys: (formatId) => held.codes.get(formatId) ?? [],
    async refresh() {
      let answer: TerminalKeys;
      try {
        answer = await syncCall(
          endpoint,
          terminalKeysPath,
          terminalKeysSchema,
          {},
          ...(transport ? [transport] : []),
        );
      } catch {
        return false; // offline or refused: the kept keys stay in use
      }
      if (answer.terminalId !== terminalId) return false;
      const next = keysOf(answer);
      if (next.keys.length === 0) return false;
      storage?.setItem(terminalKeysStorageKey(terminalId), JSON.stringify(answer));
      held = next;
      for (const l of listeners) l();
      return true;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** At most one key request a minute while a till is online without keys (an older server, say). */
const KEYS_RETRY_MS = 60_000;

/**
 * The terminal keys are asked for at every start the server answers, and, for a till that
 * started offline (or whose first request failed), once it is online again. Kept keys stay in use
 * meanwhile. Returns the unsubscribe.
 */
export function keepTerminalKeysFresh(
  keys: Pick<TerminalKeysStore, 'refresh'>,
  status: Pick<SyncStatusStore, 'get' | 'subscribe'>,
  info: Promise<unknown>,
  clock: () => number = Date.now,
): () => void {
  let fetched = false;
  let askedAt = Number.NEGATIVE_INFINITY;
  const ask = () => {
    if (fetched || clock() - askedAt < KEYS_RETRY_MS) return;
    askedAt = clock();
    void keys.refresh().then((ok) => {
      fetched ||= ok;
    });
  };
  void info.then((i) => i && ask());
  return status.subscribe(() => {
    if (status.get().online) ask();
  });
}
