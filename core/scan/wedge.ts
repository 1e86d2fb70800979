/**
 * Keyboard-wedge scanners type their code as a burst of keystrokes ending in a terminator.
 * This detector tells such a burst from a person typing, by timing alone, so the renderer can
 * hold keystrokes back until it knows: a burst becomes a scan (and never reaches a text field),
 * anything slower is handed back to be typed where the focus is.
 *
 * Pure: the caller passes each key with its timestamp and calls `tick(now)` from a timer.
 */
export interface WedgeOptions {
  /** Longest gap between two keys of one scan. Scanners send 5–30 ms per character. */
  maxInterKeyMs: number;
  /** Shortest code that counts as a scan (shorter bursts are typing, e.g. a fast double key). */
  minLength: number;
  /** Keys that end a scan. */
  terminators: readonly string[];
  /** With no terminator, a burst this long quiet ends the scan (scanners set to send no suffix). */
  quietMs: number;
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = {
  maxInterKeyMs: 45,
  minLength: 6,
  terminators: ['Enter', 'Tab'],
  quietMs: 80,
};

export type WedgeOutput =
  /** Keep holding the key back: it may be part of a scan. */
  | { type: 'hold' }
  /** A scan is complete. */
  | { type: 'scan'; text: string }
  /** Not a scan: deliver these keys to the focused element, in order. */
  | { type: 'release'; keys: string[] };

export interface WedgeDetector {
  key(key: string, atMs: number): WedgeOutput;
  tick(nowMs: number): WedgeOutput;
  readonly holding: boolean;
}

export function createWedgeDetector(options: Partial<WedgeOptions> = {}): WedgeDetector {
  const o = { ...DEFAULT_WEDGE_OPTIONS, ...options };
  let held: string[] = [];
  let lastAt = 0;
  let allFast = true;

  const reset = () => {
    held = [];
    allFast = true;
  };
  const release = (extra: string[] = []): WedgeOutput => {
    const keys = [...held, ...extra];
    reset();
    return keys.length ? { type: 'release', keys } : { type: 'hold' };
  };
  const looksLikeScan = () => allFast && held.length >= o.minLength;

  return {
    get holding() {
      return held.length > 0;
    },
    key(key, atMs) {
      const gap = atMs - lastAt;
      lastAt = atMs;
      if (o.terminators.includes(key)) {
        if (held.length && looksLikeScan() && gap <= o.maxInterKeyMs * 2) {
          const text = held.join('');
          reset();
          return { type: 'scan', text };
        }
        return release([key]);
      }
      if (key.length !== 1) return release([key]);
      if (held.length === 0) {
        held.push(key);
        return { type: 'hold' };
      }
      if (gap > o.maxInterKeyMs) {
        // A slow key: what was held is typing; this key may start a new burst.
        const out = release();
        held.push(key);
        return out;
      }
      held.push(key);
      return { type: 'hold' };
    },
    tick(nowMs) {
      if (!held.length) return { type: 'hold' };
      const quiet = nowMs - lastAt;
      if (quiet <= o.maxInterKeyMs) return { type: 'hold' };
      if (looksLikeScan() && quiet >= o.quietMs && o.terminators.length === 0) {
        const text = held.join('');
        reset();
        return { type: 'scan', text };
      }
      if (looksLikeScan() && quiet < o.quietMs) return { type: 'hold' };
      return release();
    },
  };
}
