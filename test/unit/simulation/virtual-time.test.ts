import { afterEach, describe, expect, it } from 'vitest';
import { VirtualTime } from '../../simulation/virtual-time';

let vt: VirtualTime | undefined;
afterEach(() => vt?.uninstall());

describe('virtual time', () => {
  it('fires timers at their virtual moment, in order, without waiting for the wall clock', async () => {
    vt = new VirtualTime(1_000);
    vt.install();
    const fired: string[] = [];
    setTimeout(() => fired.push(`b@${Date.now()}`), 4_000);
    setTimeout(() => fired.push(`a@${Date.now()}`), 500);
    setTimeout(() => fired.push(`c@${Date.now()}`), 4_000);
    const wall = performance.now();
    await vt.advance(3_999);
    expect(fired).toEqual(['a@1500']);
    await vt.advance(1);
    expect(fired).toEqual(['a@1500', 'b@5000', 'c@5000']);
    expect(performance.now() - wall).toBeLessThan(1_000);
  });

  it('repeats an interval until it is cleared, and a cleared timeout never fires', async () => {
    vt = new VirtualTime(0);
    vt.install();
    const ticks: number[] = [];
    const every = setInterval(() => ticks.push(Date.now()), 1_000);
    const never = setTimeout(() => ticks.push(-1), 1_500);
    clearTimeout(never);
    await vt.advance(3_500);
    clearInterval(every);
    await vt.advance(10_000);
    expect(ticks).toEqual([1_000, 2_000, 3_000]);
  });

  it('lets promise chains and tracked work finish before the next timer fires', async () => {
    vt = new VirtualTime(0);
    vt.install();
    const order: string[] = [];
    setTimeout(() => {
      void vt!.track(
        (async () => {
          for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
          order.push('work done');
        })(),
      );
    }, 100);
    setTimeout(() => order.push('next timer'), 101);
    await vt.advance(200);
    expect(order).toEqual(['work done', 'next timer']);
  });

  it('gives the real clock and timers back when uninstalled', () => {
    const before = Date.now;
    vt = new VirtualTime(42);
    vt.install();
    expect(Date.now()).toBe(42);
    vt.uninstall();
    expect(Date.now).toBe(before);
    expect(Math.abs(Date.now() - new Date().getTime())).toBeLessThan(1_000);
  });
});
