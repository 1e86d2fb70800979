import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createWedgeDetector } from '../../../../core/scan/wedge';
import { keysAt, play, type TimedKey } from './wedge-sequences';

const EAN = '4006381333931';
const scanOf = (code: string, start: number, gapMs: number, terminator: string | null = 'Enter') =>
  keysAt(terminator ? [...code, terminator] : [...code], start, gapMs);

describe('keyboard-wedge detector (default options)', () => {
  it.each([5, 15, 30])('captures a fast scanner at %i ms per key as one scan, nothing typed', (gap) => {
    expect(play(scanOf(EAN, 1000, gap))).toEqual({ typed: [], scans: [EAN] });
  });

  it('captures a slow scanner at ~40 ms per key with jitter', () => {
    const seq = keysAt([...EAN, 'Enter'], 1000, [38, 42, 45, 36, 41, 44]);
    expect(play(seq)).toEqual({ typed: [], scans: [EAN] });
  });

  it('never mistakes a person typing 100–250 ms apart for a scan, even a digit string with Enter', () => {
    const seq = keysAt([...'4006381333931', 'Enter'], 0, [110, 180, 250, 100, 140]);
    expect(play(seq)).toEqual({ typed: [...'4006381333931', 'Enter'], scans: [] });
  });

  it('property: any typing with gaps of 100–250 ms reaches the field unchanged and in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789 ', 'Enter', 'Tab', 'Backspace'), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.array(fc.integer({ min: 100, max: 250 }), { minLength: 1, maxLength: 30 }),
        (keys, gaps) => {
          const result = play(keysAt(keys, 0, gaps));
          expect(result.scans).toEqual([]);
          expect(result.typed).toEqual(keys);
        },
      ),
    );
  });

  it('captures a scan arriving in the middle of typing whole, and releases the typed keys in order', () => {
    const typedBefore = keysAt('Jans', 0, 160); // 0 … 480
    const scan = scanOf(EAN, 700, 12); // 700 … 856
    const typedAfter = keysAt('en', 1100, 170);
    const result = play([...typedBefore, ...scan, ...typedAfter]);
    expect(result.scans).toEqual([EAN]);
    expect(result.typed.join('')).toBe('Jansen');
  });

  it('captures a scan that follows a typed key by a normal pause (the key is released first)', () => {
    const d = createWedgeDetector();
    expect(d.key('a', 0)).toEqual({ type: 'hold' });
    // The scanner starts 120 ms later: the held 'a' is typing and goes to the field now.
    expect(d.key('4', 120)).toEqual({ type: 'release', keys: ['a'] });
    let out = d.key('0', 130);
    for (const [i, ch] of [...'06381333931'].entries()) out = d.key(ch, 140 + i * 10);
    expect(out).toEqual({ type: 'hold' });
    expect(d.key('Enter', 260)).toEqual({ type: 'scan', text: EAN });
    expect(d.holding).toBe(false);
  });

  it('accepts Tab as a terminator', () => {
    expect(play(scanOf(EAN, 0, 10, 'Tab'))).toEqual({ typed: [], scans: [EAN] });
  });

  it('releases a very short fast burst (two keys quickly) as typing', () => {
    expect(play(keysAt(['o', 'k', 'Enter'], 0, 20))).toEqual({ typed: ['o', 'k', 'Enter'], scans: [] });
    expect(play(keysAt('ab', 0, 15))).toEqual({ typed: ['a', 'b'], scans: [] });
  });

  it('releases a fast burst whose terminator never comes (a scanner misconfigured without suffix)', () => {
    expect(play(scanOf('12345678', 0, 10, null))).toEqual({ typed: [...'12345678'], scans: [] });
  });

  it('keeps upper-case scans whole: Shift keydowns between characters do not break the burst', () => {
    const keys = [...'KC-SPR1'].flatMap((ch) => (/[A-Z]/.test(ch) ? ['Shift', ch] : [ch]));
    // Only the very first Shift, before anything is held, passes through (it carries no text).
    expect(play(keysAt([...keys, 'Enter'], 0, 4))).toEqual({ typed: ['Shift'], scans: ['KC-SPR1'] });
  });

  it('lets a lone modifier pass through when nothing is held', () => {
    expect(createWedgeDetector().key('Shift', 0)).toEqual({ type: 'release', keys: ['Shift'] });
  });

  it('passes Backspace and arrows through at once, with any keys held before them first', () => {
    const d = createWedgeDetector();
    d.key('x', 0);
    expect(d.key('Backspace', 30)).toEqual({ type: 'release', keys: ['x', 'Backspace'] });
    expect(d.key('ArrowLeft', 400)).toEqual({ type: 'release', keys: ['ArrowLeft'] });
  });

  it('releases a lone typed key once the line has been quiet longer than a scanner gap', () => {
    const d = createWedgeDetector();
    expect(d.key('q', 0)).toEqual({ type: 'hold' });
    expect(d.tick(20)).toEqual({ type: 'hold' });
    expect(d.tick(60)).toEqual({ type: 'release', keys: ['q'] });
  });

  it('captures two scans back to back', () => {
    const seq = [...scanOf(EAN, 0, 8), ...scanOf('96385074', 400, 8)];
    expect(play(seq)).toEqual({ typed: [], scans: [EAN, '96385074'] });
  });

  it('keeps a GS (FNC1) control character inside a 2D scan', () => {
    const text = '0104012345678901\u001d10ABC';
    expect(play(scanOf(text, 0, 6))).toEqual({ typed: [], scans: [text] });
  });
});

describe('keyboard-wedge detector with no terminator (quiet timeout)', () => {
  const options = { terminators: [] as string[], quietMs: 100 };

  it('ends a scan after a quiet line', () => {
    expect(play(scanOf(EAN, 0, 10, null), options)).toEqual({ typed: [], scans: [EAN] });
  });

  it('holds a scan until the quiet time has passed, then gives it', () => {
    const d = createWedgeDetector(options);
    for (const k of scanOf(EAN, 0, 10, null)) d.key(k.key, k.at);
    expect(d.tick(120 + 60)).toEqual({ type: 'hold' });
    expect(d.tick(120 + 100)).toEqual({ type: 'scan', text: EAN });
  });

  it('ends a scan when a person types right after it, before the timer fired', () => {
    const d = createWedgeDetector(options);
    for (const k of scanOf(EAN, 0, 10, null)) d.key(k.key, k.at);
    expect(d.key('x', 120 + 70)).toEqual({ type: 'scan', text: EAN });
    expect(d.tick(120 + 70 + 60)).toEqual({ type: 'release', keys: ['x'] });
  });

  it('still treats Enter as a key the person typed', () => {
    expect(play(keysAt(['a', 'Enter'], 0, 150), options)).toEqual({ typed: ['a', 'Enter'], scans: [] });
  });

  it('never mistakes human typing for a scan', () => {
    const seq: TimedKey[] = keysAt('hello world', 0, [120, 200, 150]);
    expect(play(seq, options)).toEqual({ typed: [...'hello world'], scans: [] });
  });
});

describe('keyboard-wedge detector never loses or reorders a key', () => {
  it('property: for any keys at any pace, what was typed plus what was scanned is the input, in order', () => {
    const key = fc.constantFrom(...'ab01%;?', 'Enter', 'Tab', 'Backspace', 'ArrowLeft');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.integer({ min: 0, max: 300 })), { maxLength: 60 }),
        fc.constantFrom<string[]>(['Enter', 'Tab'], ['Enter']),
        (keys, terminators) => {
          const d = createWedgeDetector({ terminators });
          const emitted: string[] = [];
          const expected: string[] = [];
          let at = 0;
          const record = (out: ReturnType<typeof d.key>) => {
            if (out.type === 'release') emitted.push(...out.keys);
            if (out.type === 'scan') emitted.push(...out.text);
          };
          for (const [k, gap] of keys) {
            // The renderer's timer ticks while keys are held.
            for (let t = at + 10; t < at + gap; t += 10) record(d.tick(t));
            at += gap;
            const out = d.key(k, at);
            record(out);
            // A terminator that ends a scan is the scanner's suffix, not a key for the field.
            if (!(out.type === 'scan' && terminators.includes(k))) expected.push(k);
          }
          for (let i = 0; i < 50; i++) record(d.tick((at += 10)));
          expect(d.holding).toBe(false);
          expect(emitted).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
