/**
 * Virtual time for one simulation run: while installed, the global setTimeout/setInterval (and
 * their clear functions) and Date.now belong to this clock. Time moves only when the simulation
 * advances it, so RxDB's retry back-off (500 ms → 4 s), a partition of an hour and a server down
 * for a minute cost no wall-clock time, and a run is the same every time.
 *
 * Hand-written rather than @sinonjs/fake-timers: that is not a dependency of this project, and
 * the simulation needs one thing it lacks — `settle()`, which also awaits the work the simulated
 * network hands to the in-process server before it lets a timer fire.
 *
 * Not virtual: setImmediate, process.nextTick and microtasks (they carry the real async work and
 * are deterministic without I/O), `new Date()` without arguments, performance.now, and the timer
 * inside AbortSignal.timeout (the 15 s request timeout of sync-api.ts: the simulated network
 * always answers or fails a request long before it).
 */
interface Timer {
  id: number;
  at: number;
  fn: () => void;
  every: number | undefined;
}

const realSetImmediate = globalThis.setImmediate;

/** A handle shaped like Node's Timeout, for code that calls unref()/ref() on it. */
class VirtualTimeout {
  constructor(readonly id: number) {}
  unref(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  hasRef(): boolean {
    return true;
  }
  refresh(): this {
    return this;
  }
  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

/** A cascade of zero-delay timers longer than this at one instant is a livelock, not progress. */
const MAX_FIRINGS_PER_INSTANT = 20_000;

export class VirtualTime {
  private nowMs: number;
  private timers: Timer[] = [];
  private nextId = 1;
  private readonly inFlight = new Set<Promise<unknown>>();
  private restore: (() => void) | undefined;

  constructor(startMs: number) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  /** How far this run's calendar lies behind the process clock (see calendarNow). */
  private calendarShiftMs = 0;

  /** From now on, calendarNow() reads `ms` at this instant. */
  startCalendarAt(ms: number): void {
    this.calendarShiftMs = this.nowMs - ms;
  }

  /**
   * The time the till and server code reads. The process clock (Date.now) only moves forward,
   * because RxDB keeps the last time it saw across runs; the calendar starts each run at the same
   * moment, so a seed meets the same weekday, month and date whichever run of a process it is.
   */
  calendarNow(): number {
    return this.nowMs - this.calendarShiftMs;
  }

  install(): void {
    if (this.restore) return;
    const g = globalThis as Record<string, unknown>;
    const saved = {
      setTimeout: g.setTimeout,
      clearTimeout: g.clearTimeout,
      setInterval: g.setInterval,
      clearInterval: g.clearInterval,
      now: Date.now,
    };
    const schedule = (fn: unknown, delay: unknown, args: unknown[], every: boolean) => {
      const ms = Math.max(0, Number(delay) || 0);
      const call = typeof fn === 'function' ? () => (fn as (...a: unknown[]) => void)(...args) : () => {};
      const timer: Timer = {
        id: this.nextId++,
        at: this.nowMs + ms,
        fn: call,
        every: every ? Math.max(1, ms) : undefined,
      };
      this.add(timer);
      return new VirtualTimeout(timer.id);
    };
    const clear = (handle: unknown) => {
      if (handle === undefined || handle === null) return;
      const id = handle instanceof VirtualTimeout ? handle.id : Number(handle);
      this.timers = this.timers.filter((t) => t.id !== id);
    };
    g.setTimeout = (fn: unknown, delay?: unknown, ...args: unknown[]) => schedule(fn, delay, args, false);
    g.setInterval = (fn: unknown, delay?: unknown, ...args: unknown[]) => schedule(fn, delay, args, true);
    g.clearTimeout = clear;
    g.clearInterval = clear;
    Date.now = () => this.nowMs;
    this.restore = () => {
      Object.assign(g, {
        setTimeout: saved.setTimeout,
        clearTimeout: saved.clearTimeout,
        setInterval: saved.setInterval,
        clearInterval: saved.clearInterval,
      });
      Date.now = saved.now;
    };
  }

  uninstall(): void {
    this.restore?.();
    this.restore = undefined;
    this.timers = [];
  }

  /** Work outside the timers (a request the server is handling) that settle() must wait for. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const done = () => this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  private add(timer: Timer): void {
    // Sorted by (at, id): two timers due at once fire in the order they were set.
    let i = this.timers.length;
    while (i > 0 && (this.timers[i - 1] as Timer).at > timer.at) i--;
    this.timers.splice(i, 0, timer);
  }

  private fire(timer: Timer): void {
    this.timers.splice(this.timers.indexOf(timer), 1);
    if (timer.every !== undefined) this.add({ ...timer, at: timer.at + timer.every });
    timer.fn();
  }

  /** Lets the real async work run out: the tracked requests, then a few turns of the event loop. */
  private async drain(): Promise<void> {
    for (let turn = 0; turn < 4 || this.inFlight.size > 0; turn++) {
      if (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
      await new Promise<void>((resolve) => realSetImmediate(resolve));
    }
  }

  /** Runs everything due now (zero-delay timers included) until nothing is left to do at this instant. */
  async settle(): Promise<void> {
    for (let fired = 0; ; fired++) {
      await this.drain();
      const due = this.timers[0];
      if (!due || due.at > this.nowMs) return;
      if (fired > MAX_FIRINGS_PER_INSTANT) throw new Error(`timers keep firing at ${this.nowMs}: a livelock`);
      this.fire(due);
    }
  }

  /** Moves time forward by `ms`, firing every timer on the way at its own moment. */
  async advance(ms: number): Promise<void> {
    const target = this.nowMs + ms;
    for (;;) {
      await this.settle();
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.nowMs = next.at;
    }
    this.nowMs = target;
    await this.settle();
  }

  /** When the next timer is due, or undefined when none is set. */
  nextTimerAt(): number | undefined {
    return this.timers[0]?.at;
  }
}
