import { useEffect, useRef } from 'react';
import { createWedgeDetector, type WedgeOptions, type WedgeOutput } from '../../../core/scan/wedge';
import { deliverKeys } from './deliver-keys';

export interface WedgeScannerOptions {
  /** Wedge timing; the core defaults suit common USB scanners. */
  wedge?: Partial<WedgeOptions>;
  /**
   * Clock for the quiet-line timer (performance.now by default; tests inject their own). Keys are
   * timed by their own `event.timeStamp` (same clock), taken when the input arrived, so a busy
   * main thread cannot split a scanner's burst.
   */
  now?: () => number;
  enabled?: boolean;
}

/**
 * Recognises keyboard-wedge scans wherever the focus is. Every keydown is seen first (window,
 * capture phase); while the detector may be looking at a scan the key is held back
 * (preventDefault), so a scan never lands in a text field. When the detector decides it was a
 * person, the held keys are delivered to the focused element in order; a key it hands back as
 * the last of a release (Enter, Backspace, an arrow) is left to do its normal job.
 */
export function useWedgeScanner(onScan: (text: string) => void, options: WedgeScannerOptions = {}): void {
  const onScanRef = useRef(onScan);
  const optionsRef = useRef(options);
  useEffect(() => {
    onScanRef.current = onScan;
    optionsRef.current = options;
  });
  const enabled = options.enabled ?? true;

  useEffect(() => {
    if (!enabled) return;
    const { wedge, now = () => performance.now() } = optionsRef.current;
    const detector = createWedgeDetector(wedge);
    const tickEvery = Math.max(10, (wedge?.maxInterKeyMs ?? 50) / 2);
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The quiet line is counted from when we handled the last key, in the keys' own clock: after
    // a busy spell the timer must not release a burst whose next keys are still queued.
    let lastStamp = 0;
    let lastHandledAt = 0;
    const quietClock = () => lastStamp + (now() - lastHandledAt);

    const handle = (out: WedgeOutput, current?: KeyboardEvent) => {
      if (out.type === 'hold') {
        current?.preventDefault();
        current?.stopPropagation();
      } else if (out.type === 'scan') {
        current?.preventDefault();
        current?.stopPropagation();
        onScanRef.current(out.text);
      } else {
        const keys = out.keys;
        const passesThrough =
          current !== undefined && keys[keys.length - 1] === current.key && current.key.length !== 1;
        if (!passesThrough) current?.preventDefault();
        deliverKeys(passesThrough ? keys.slice(0, -1) : keys, document.activeElement);
      }
      schedule();
    };
    const schedule = () => {
      clearTimeout(timer);
      if (detector.holding) timer = setTimeout(() => handle(detector.tick(quietClock())), tickEvery);
    };
    const onKeyDown = (e: KeyboardEvent) => {
      // Shortcuts and IME composition are a person's, never a scanner's.
      if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
      lastHandledAt = now();
      lastStamp = e.timeStamp || lastHandledAt;
      if (e.repeat) {
        // A key held down auto-repeats as fast as a scanner types: that is a person. Whatever
        // was held is typed first, then the repeat does its normal job.
        handle(detector.key('Unidentified', lastStamp));
        return;
      }
      handle(detector.key(e.key, lastStamp), e);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      clearTimeout(timer);
    };
  }, [enabled]);
}
