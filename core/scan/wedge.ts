/**
 * Keyboard-wedge scanners type their code as a burst of keystrokes ending in a terminator.
 * This detector tells such a burst from a person typing, by timing alone, so the renderer can
 * hold keystrokes back until it knows: a burst becomes a scan (and never reaches a text field),
 * anything slower is handed back to be typed where the focus is.
 *
 * Pure: the caller passes each keydown's `key` with its timestamp (`event.timeStamp`) and calls
 * `tick(now)` from a timer while `holding` (e.g. `maxInterKeyMs` after each key), so a lone typed
 * key is released within about `maxInterKeyMs`.
 *
 * Outputs: 'hold' → prevent the key's default; 'scan' → prevent it, classify the text;
 * 'release' → deliver `keys` to the focused element in order (the last one may be the current key).
 *
 * Known limit: a person's key pressed less than `maxInterKeyMs` before a scan starts becomes
 * the first character of that scan (the two cannot be told apart by timing).
 */
export interface WedgeOptions {
  /** Longest gap between two keys of one scan. Scanners send 5–30 ms per character, slow ones ~40. */
  maxInterKeyMs: number;
  /** Shortest code that counts as a scan (shorter bursts are typing, e.g. a fast double key). */
  minLength: number;
  /** Keys that end a scan; empty for scanners set to send no suffix. */
  terminators: readonly string[];
  /**
   * After a fast burst: how long the terminator may take to arrive, or, with no terminators,
   * how long a quiet line ends the scan. Must be at least `maxInterKeyMs`.
   */
  quietMs: number;
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = {
  maxInterKeyMs: 50,
  minLength: 6,
  terminators: ['Enter', 'Tab'],
  quietMs: 100,
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

/** Modifier keydowns come between a scanner's characters (Shift for 'A'); they carry no text. */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock']);

export function createWedgeDetector(options: Partial<WedgeOptions> = {}): WedgeDetector {
  const o = { ...DEFAULT_WEDGE_OPTIONS, ...options };
  const quietMs = Math.max(o.quietMs, o.maxInterKeyMs);
  const noTerminator = o.terminators.length === 0;
  let held: string[] = [];
  let lastAt = Number.NEGATIVE_INFINITY;

  const hold = (): WedgeOutput => ({ type: 'hold' });
  const take = (): string[] => {
    const keys = held;
    held = [];
    return keys;
  };
  const release = (extra: string[] = []): WedgeOutput => {
    const keys = [...take(), ...extra];
    return keys.length ? { type: 'release', keys } : hold();
  };
  const scan = (): WedgeOutput => ({ type: 'scan', text: take().join('') });
  // Every held key followed the previous within maxInterKeyMs (a slower key starts a new burst).
  const looksLikeScan = () => held.length >= o.minLength;

  return {
    get holding() {
      return held.length > 0;
    },
    key(key, atMs) {
      if (MODIFIERS.has(key)) return held.length ? hold() : { type: 'release', keys: [key] };
      const gap = atMs - lastAt;
      lastAt = atMs;
      if (o.terminators.includes(key)) {
        if (looksLikeScan() && gap <= quietMs) return scan();
        return release([key]);
      }
      if (key.length !== 1) {
        // Arrows, Backspace, F-keys…: a person. A suffix-less scan just before still counts (the
        // key itself is then dropped: losing a scan would be worse).
        if (noTerminator && looksLikeScan() && gap > o.maxInterKeyMs) return scan();
        return release([key]);
      }
      if (held.length > 0 && gap > o.maxInterKeyMs) {
        // The burst ended. A suffix-less scanner's burst is a scan; otherwise it was typing.
        // Either way this key may start a new burst, so it is held.
        const out = noTerminator && looksLikeScan() ? scan() : release();
        held.push(key);
        return out;
      }
      held.push(key);
      return hold();
    },
    tick(nowMs) {
      if (!held.length) return hold();
      const quiet = nowMs - lastAt;
      if (quiet <= o.maxInterKeyMs) return hold();
      if (looksLikeScan()) {
        // A fast burst: wait for its terminator, or end it after a quiet line if there is none.
        if (quiet < quietMs) return hold();
        return noTerminator ? scan() : release();
      }
      return release();
    },
  };
}
