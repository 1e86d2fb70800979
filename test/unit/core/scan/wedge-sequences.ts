import { createWedgeDetector, type WedgeOptions } from '../../../../core/scan/wedge';

/** A key and the moment it was pressed, in ms. */
export interface TimedKey {
  key: string;
  at: number;
}

/** Keys typed one after another with the given gaps (one gap per key; the first from `start`). */
export function keysAt(
  text: string | readonly string[],
  start: number,
  gapMs: number | readonly number[],
): TimedKey[] {
  const keys = typeof text === 'string' ? [...text] : text;
  let at = start;
  return keys.map((key, i) => {
    if (i > 0) at += typeof gapMs === 'number' ? gapMs : (gapMs[(i - 1) % gapMs.length] ?? 0);
    return { key, at };
  });
}

/**
 * Plays a key sequence through a detector the way the renderer does: each key at its moment, and
 * a timer calling tick every `tickMs` in between (and until everything settled at the end).
 * Returns what reached the focused field (typed keys, in order) and the scans.
 */
export function play(
  sequence: readonly TimedKey[],
  options: Partial<WedgeOptions> = {},
  tickMs = 10,
): { typed: string[]; scans: string[] } {
  const d = createWedgeDetector(options);
  const typed: string[] = [];
  const scans: string[] = [];
  const take = (out: ReturnType<typeof d.key>) => {
    if (out.type === 'scan') scans.push(out.text);
    if (out.type === 'release') typed.push(...out.keys);
  };
  let clock = sequence[0]?.at ?? 0;
  for (const k of sequence) {
    while (clock + tickMs < k.at) {
      clock += tickMs;
      take(d.tick(clock));
    }
    clock = k.at;
    take(d.key(k.key, k.at));
  }
  for (let i = 0; i < 100 && d.holding; i++) {
    clock += tickMs;
    take(d.tick(clock));
  }
  return { typed, scans };
}
