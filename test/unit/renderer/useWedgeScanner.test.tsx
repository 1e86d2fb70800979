// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useWedgeScanner } from '../../../renderer/src/scanning/useWedgeScanner';

let clock = 0;
const now = () => clock;

function Till({ onScan }: { onScan: (text: string) => void }) {
  const [value, setValue] = useState('');
  useWedgeScanner(onScan, { now });
  return <input data-testid="field" value={value} onChange={(e) => setValue(e.target.value)} />;
}

/** One keydown as the browser would fire it, stamped at the current clock. */
function press(key: string, repeat = false): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, repeat, bubbles: true, cancelable: true });
  Object.defineProperty(event, 'timeStamp', { value: clock });
  act(() => {
    (document.activeElement ?? document.body).dispatchEvent(event);
  });
  return event;
}

function advance(ms: number) {
  clock += ms;
  act(() => {
    vi.advanceTimersByTime(ms);
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  clock = 1_000;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useWedgeScanner', () => {
  it('turns a fast burst ending in Enter into a scan that never reaches the focused field', () => {
    const onScan = vi.fn();
    const { getByTestId } = render(<Till onScan={onScan} />);
    const field = getByTestId('field') as HTMLInputElement;
    field.focus();
    const events = [...'8710000000017'].map((k) => {
      const e = press(k);
      advance(8);
      return e;
    });
    const enter = press('Enter');
    expect(onScan).toHaveBeenCalledWith('8710000000017');
    expect(events.every((e) => e.defaultPrevented)).toBe(true);
    expect(enter.defaultPrevented).toBe(true);
    advance(500);
    expect(field.value).toBe('');
  });

  it('hands slow typing to the focused field, in order, and never calls it a scan', () => {
    const onScan = vi.fn();
    const { getByTestId } = render(<Till onScan={onScan} />);
    const field = getByTestId('field') as HTMLInputElement;
    field.focus();
    for (const k of '12,50') {
      press(k);
      advance(150);
    }
    expect(field.value).toBe('12,50');
    expect(onScan).not.toHaveBeenCalled();
  });

  it("lets a person's Enter and Backspace do their job after the held keys are typed", () => {
    const onScan = vi.fn();
    const { getByTestId } = render(<Till onScan={onScan} />);
    const field = getByTestId('field') as HTMLInputElement;
    field.focus();
    press('4');
    advance(10);
    press('2');
    advance(10);
    const enter = press('Enter');
    expect(enter.defaultPrevented).toBe(false);
    expect(field.value).toBe('42');
    expect(onScan).not.toHaveBeenCalled();
  });

  it('recognises a scan wherever the focus is, with nothing focused', () => {
    const onScan = vi.fn();
    render(<Till onScan={onScan} />);
    (document.activeElement as HTMLElement | null)?.blur();
    for (const k of '2620123456784') {
      press(k);
      advance(5);
    }
    press('Enter');
    expect(onScan).toHaveBeenCalledWith('2620123456784');
  });

  it('takes a key held down (auto-repeat) for a person, not a scan', () => {
    const onScan = vi.fn();
    const { getByTestId } = render(<Till onScan={onScan} />);
    const field = getByTestId('field') as HTMLInputElement;
    field.focus();
    press('0');
    const repeats = Array.from({ length: 8 }, () => {
      advance(30);
      return press('0', true);
    });
    advance(30);
    const enter = press('Enter');
    expect(onScan).not.toHaveBeenCalled();
    // The first key was typed by us; the repeats keep their default action (the browser types them).
    expect(field.value).toBe('0');
    expect(repeats.some((e) => e.defaultPrevented)).toBe(false);
    expect(enter.defaultPrevented).toBe(false);
  });

  it('stops listening when the till unmounts', () => {
    const onScan = vi.fn();
    const { unmount } = render(<Till onScan={onScan} />);
    unmount();
    for (const k of '8710000000017') {
      press(k);
      advance(5);
    }
    const enter = press('Enter');
    expect(onScan).not.toHaveBeenCalled();
    expect(enter.defaultPrevented).toBe(false);
  });
});
