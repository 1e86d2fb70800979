import type { Prng } from './prng';
import type { SimAnswer, SimRequest, SimServer } from './sim-server';
import type { VirtualTime } from './virtual-time';

/** Every kind of fault the simulation injects; the summary counts them by kind. */
export const FAULT_KINDS = [
  'drop-request',
  'drop-answer',
  'duplicate',
  'long-delay',
  'partition',
  'server-crash',
  'server-crash-after-commit',
  'till-restart',
  'clock-jump',
  'program-published',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** How likely each fault is per request (network) or per step (partitions, restarts). */
export interface FaultRates {
  dropRequest: number;
  dropAnswer: number;
  duplicate: number;
  longDelay: number;
  crashAfterCommit: number;
}

export const DEFAULT_RATES: FaultRates = {
  dropRequest: 0.08,
  dropAnswer: 0.08,
  duplicate: 0.1,
  longDelay: 0.05,
  crashAfterCommit: 0.01,
};

/** One fault as it happened: the replay trace and the shrinker name faults by their ordinal. */
export interface FaultRecord {
  /** The nth fault the run drew (0-based); the shrinker switches faults off by this number. */
  n: number;
  kind: FaultKind;
  till: number;
  at: number;
  detail: string;
}

/** Decides, from the seed, which faults happen; and lets the shrinker veto some of them. */
export class FaultLog {
  readonly records: FaultRecord[] = [];
  private drawn = 0;
  constructor(
    private readonly vt: VirtualTime,
    private readonly vetoed: ReadonlySet<number> = new Set(),
  ) {}

  /** A fault the seed chose: recorded and returned true unless the shrinker switched it off. */
  happen(kind: FaultKind, till: number, detail: string): boolean {
    const n = this.drawn++;
    if (this.vetoed.has(n)) return false;
    this.records.push({ n, kind, till, at: this.vt.now(), detail });
    return true;
  }

  counts(): Record<FaultKind, number> {
    const out = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
    for (const r of this.records) out[r.kind]++;
    return out;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function kindOf(url: string): string {
  const path = url.split('?')[0] ?? '';
  if (path.endsWith('/journal/push')) return 'push';
  if (path.endsWith('/pull')) return 'pull';
  return path.split('/').pop() ?? path;
}

function describe(req: SimRequest): string {
  if (kindOf(req.url) !== 'push' || !req.body) return kindOf(req.url);
  const seqs = (JSON.parse(req.body) as { newDocumentState: { seq: number } }[]).map(
    (r) => r.newDocumentState.seq,
  );
  return `push seq ${Math.min(...seqs)}–${Math.max(...seqs)}`;
}

async function toRequest(input: RequestInfo | URL, init: RequestInit | undefined): Promise<SimRequest> {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
  const body = init?.body === undefined || init.body === null ? undefined : String(init.body);
  return { method: init?.method ?? 'GET', url: url.pathname + url.search, headers, body };
}

/** Straight to the server, no network in between (the tills' catalogue before the run). */
export function directFetch(server: SimServer): typeof fetch {
  return async (input, init) => toResponse(await server.deliver(await toRequest(input, init)));
}

function toResponse(a: SimAnswer): Response {
  const empty = a.status === 204 || a.status === 304;
  return new Response(empty ? null : a.body, { status: a.status, headers: a.headers });
}

/**
 * The network between one till and the server, as a fetch: each request is delivered, lost on the
 * way, delivered with its answer lost (the server committed, the till never hears), delivered
 * twice (the copy later, so it arrives out of order), held up, or refused because the link is
 * partitioned or the server is down. Every choice is drawn from this link's own PRNG stream in
 * the order the till makes its requests.
 */
export class SimLink {
  private partitionedUntil = 0;
  /** Faults off: the network heals (the end of a run). */
  healed = false;

  constructor(
    readonly till: number,
    private readonly prng: Prng,
    private readonly server: SimServer,
    private readonly vt: VirtualTime,
    private readonly faults: FaultLog,
    private readonly rates: FaultRates,
    /** Where the link notes each push and what became of it (the failing trace shows them). */
    private readonly note: (line: string) => void = () => {},
  ) {}

  partition(ms: number): void {
    if (this.faults.happen('partition', this.till, `${Math.round(ms / 1000)} s`)) {
      this.partitionedUntil = Math.max(this.partitionedUntil, this.vt.now() + ms);
    }
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const req = await toRequest(input, init);
    const p = this.prng;
    // Drawn for every request, faults or not, so healing does not shift the stream.
    const latency = p.int(1, 40);
    const roll = {
      dropRequest: p.chance(this.rates.dropRequest),
      dropAnswer: p.chance(this.rates.dropAnswer),
      duplicate: p.chance(this.rates.duplicate),
      longDelay: p.chance(this.rates.longDelay),
      crash: p.chance(this.rates.crashAfterCommit),
    };
    const copyDelay = p.int(1, 30_000);
    const longDelay = p.int(1_000, 20_000);
    const downMs = p.int(1_000, 60_000);
    const faulty = !this.healed;
    const what = describe(req);
    const fault = (kind: Parameters<FaultLog['happen']>[0], detail = what) =>
      faulty && this.faults.happen(kind, this.till, detail);

    await sleep(latency);
    if (faulty && this.vt.now() < this.partitionedUntil) {
      if (what.startsWith('push')) this.note(`till ${this.till + 1} ${what}: partitioned`);
      throw new TypeError('fetch failed: network partitioned');
    }
    if (roll.longDelay && fault('long-delay', `${what} held ${longDelay} ms`)) await sleep(longDelay);
    if (roll.dropRequest && fault('drop-request')) throw new TypeError('fetch failed: request lost');
    if (roll.duplicate && fault('duplicate', `${what} again after ${copyDelay} ms`)) {
      setTimeout(() => void this.server.deliver(req).catch(() => undefined), copyDelay);
    }
    const answer = await this.server.deliver(req).catch((e: unknown) => {
      if (what.startsWith('push')) this.note(`till ${this.till + 1} ${what}: server down`);
      throw e;
    });
    if (what.startsWith('push')) this.note(`till ${this.till + 1} ${what}: server answered ${answer.status}`);
    if (roll.crash && fault('server-crash-after-commit', `${what}, down ${downMs} ms`)) {
      this.server.crash(downMs);
      throw new TypeError('fetch failed: the server died before answering');
    }
    if (roll.dropAnswer && fault('drop-answer')) throw new TypeError('fetch failed: answer lost');
    await sleep(latency);
    return toResponse(answer);
  };
}
