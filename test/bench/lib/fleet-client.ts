import { Agent, request } from 'node:http';
import type { SaleEvent } from '../../../core/journal/sale-event';
import { PENDING_HEADER, syncPaths } from '../../../core/sync/protocol';
import type { FleetTill } from './fleet-layout';

/*
 * A lightweight till for the fleet benchmark: the push the till's replication makes
 * (renderer/src/sync/replication.ts → sync-api.ts: POST the journal push path, bearer token,
 * JSON rows {assumedMasterState: null, newDocumentState}, the pending-count header; at most 100
 * rows a request; one request in flight; a failed push retried after 500 ms, the same rows
 * again). No RxDB: what is measured is the server and the wire.
 */

/** How a till reaches the server: its own keep-alive connection (as each real till has), or the process-wide fetch pool. */
export type Transport = 'own-connection' | 'shared-fetch';

export interface PushFigures {
  /** Each request: sent → answer read (ms). */
  requestMs: number[];
  /** Each sale: made at the till → acknowledged by the server (ms), client-side queueing included. */
  ackMs: number[];
  /** Requests that failed (status or network) and were retried. */
  errors: number;
  /** Pushes sent a second time after they succeeded (a lost answer, as RxDB repeats it). */
  repeats: number;
  /** New TCP connections the tills opened, and the slowest connect (ms). */
  connects: number;
  slowestConnectMs: number;
  /** id → [sent at, answer read at] (ms since the epoch), to line up with the server's own times. */
  sent: Map<string, [number, number]>;
}

export const newFigures = (): PushFigures => ({
  requestMs: [],
  ackMs: [],
  errors: 0,
  repeats: 0,
  connects: 0,
  slowestConnectMs: 0,
  sent: new Map(),
});
const now = () => performance.timeOrigin + performance.now();

let requestCount = 0;
const PUSH_BATCH = 100;
const RETRY_MS = 500;
const TIMEOUT_MS = 30_000;

function rowsOf(events: readonly SaleEvent[]): string {
  return JSON.stringify(
    events.map((e) => ({ assumedMasterState: null, newDocumentState: { ...e, _deleted: false } })),
  );
}

export class FleetClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private readonly queue: { event: SaleEvent; madeAt: number }[] = [];
  private pushing: Promise<void> | undefined;
  constructor(
    readonly till: FleetTill,
    private readonly url: string,
    private readonly transport: Transport,
    private readonly figures: () => PushFigures,
    /** Every this-many-th successful push is sent once more (0: never). */
    private readonly repeatEvery = 0,
  ) {}
  private pushed = 0;
  /** Sales the server acknowledged (in order: the closed loop pushes a prefix of what was made). */
  acked = 0;
  private stopped = false;

  /** Stop pushing after the request in flight (a phase past its deadline); what is left stays queued. */
  stop(): Promise<void> {
    this.stopped = true;
    return this.pushing ?? Promise.resolve();
  }
  get isStopped(): boolean {
    return this.stopped;
  }

  /** A sale completed at the till: queued, and pushed with whatever else is waiting. */
  sale(events: readonly SaleEvent[], madeAt = performance.now()): Promise<void> {
    for (const event of events) this.queue.push({ event, madeAt });
    this.pushing ??= this.drain().finally(() => (this.pushing = undefined));
    return this.pushing;
  }

  /** Open loop, for the stall probe: this sale goes at once in its own request, whatever is in flight. */
  async saleAlone(event: SaleEvent, madeAt = performance.now()): Promise<void> {
    const body = rowsOf([event]);
    while (!(await this.post(body, 0))) {
      if (this.stopped) return; // its outcome is unknown: the check after counts what the server has
      await sleep(RETRY_MS);
    }
    this.acked++;
    this.figures().ackMs.push(performance.now() - madeAt);
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.stopped) {
      const batch = this.queue.slice(0, PUSH_BATCH);
      const body = rowsOf(batch.map((b) => b.event));
      if (!(await this.pushUntilStopped(body))) return;
      this.queue.splice(0, batch.length);
      this.acked += batch.length;
      const now = performance.now();
      const f = this.figures();
      for (const b of batch) f.ackMs.push(now - b.madeAt);
      if (this.repeatEvery > 0 && ++this.pushed % this.repeatEvery === 0) {
        f.repeats++;
        await this.pushUntilStopped(body);
      }
    }
  }

  /** A push retried until it is answered, or the phase stops (then its outcome is unknown: false). */
  private async pushUntilStopped(body: string): Promise<boolean> {
    while (!(await this.post(body, this.queue.length))) {
      if (this.stopped) return false;
      await sleep(RETRY_MS);
    }
    return true;
  }

  /** One push request; false when it failed (counted) and must be retried. */
  private post(body: string, pending: number): Promise<boolean> {
    return this.transport === 'shared-fetch' ? this.postFetch(body, pending) : this.postOwn(body, pending);
  }

  private headers(pending: number): Record<string, string> {
    return {
      // Unique across phases: a request still in flight when its phase stopped finishes in the next one.
      'x-fleet-request': `${this.till.terminalId}-${++requestCount}`,
      authorization: `Bearer ${this.till.token}`,
      accept: 'application/json',
      'content-type': 'application/json',
      [PENDING_HEADER]: String(pending),
    };
  }

  private async postFetch(body: string, pending: number): Promise<boolean> {
    const t0 = performance.now();
    const f = this.figures();
    const headers = this.headers(pending);
    const id = headers['x-fleet-request'] as string;
    const sentAt = now();
    try {
      const res = await fetch(new URL(syncPaths.push('journal'), this.url), {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await res.arrayBuffer();
      f.requestMs.push(performance.now() - t0);
      f.sent.set(id, [sentAt, now()]);
      if (!res.ok) f.errors++;
      return res.ok;
    } catch {
      f.errors++;
      return false;
    }
  }

  private postOwn(body: string, pending: number): Promise<boolean> {
    const t0 = performance.now();
    const f = this.figures();
    const headers = this.headers(pending);
    const id = headers['x-fleet-request'] as string;
    const sentAt = now();
    return new Promise((done) => {
      const req = request(
        new URL(syncPaths.push('journal'), this.url),
        {
          method: 'POST',
          agent: this.agent,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          timeout: TIMEOUT_MS,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            f.requestMs.push(performance.now() - t0);
            f.sent.set(id, [sentAt, now()]);
            const ok = res.statusCode === 200;
            if (!ok) f.errors++;
            done(ok);
          });
          res.on('error', () => done(false));
        },
      );
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        const c0 = performance.now();
        socket.once('connect', () => {
          f.connects++;
          f.slowestConnectMs = Math.max(f.slowestConnectMs, performance.now() - c0);
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        f.errors++;
        done(false);
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
