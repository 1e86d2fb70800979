import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Prng } from '../../../simulation/prng';

/** One window of a flapping link: up or down for `ms`. */
export interface LinkWindow {
  up: boolean;
  ms: number;
}

/** A moment the link went up or down (performance.now() milliseconds). */
export interface LinkChange {
  at: number;
  up: boolean;
}

/**
 * The windows of a link flapping for `totalMs`: up and down by turns, starting up, each lasting
 * minMs–maxMs drawn from `random`, so a seed replays the same schedule (the last one is cut
 * short where the flapping ends).
 */
export function flapWindows(random: Prng, totalMs: number, minMs = 1_000, maxMs = 10_000): LinkWindow[] {
  const windows: LinkWindow[] = [];
  let up = true;
  for (let left = totalMs; left > 0; up = !up) {
    const ms = Math.min(left, random.int(minMs, maxMs));
    windows.push({ up, ms });
    left -= ms;
  }
  return windows;
}

export interface FlapProxy {
  url: string;
  readonly up: boolean;
  /** Every change of the link, the first being the link up when the proxy started. */
  readonly changes: readonly LinkChange[];
  /** Runs the windows one after the other; resolves when the last ends or heal() is called. */
  flap(windows: readonly LinkWindow[]): Promise<void>;
  /** The link up for good: the flapping stops. */
  heal(): void;
  /** Connections forwarded, refused while down, and cut when the link went down. */
  stats(): { forwarded: number; refused: number; cut: number };
  close(): Promise<void>;
}

/**
 * A TCP proxy between one till and the server whose link can go down. Down, it resets every
 * connection it carries — requests in flight and the till's live feed stream are cut, whatever
 * they were doing — and resets each new connection as soon as it arrives (as a firewall rejecting
 * with a TCP reset: the till sees the connection refused at once, not a timeout). Up, it forwards
 * bytes both ways untouched. TCP, not HTTP, so the HTTP the till speaks is not parsed or
 * rewritten here (dup-proxy.ts is the HTTP proxy that duplicates push requests).
 */
export async function startFlapProxy(upstreamPort: number): Promise<FlapProxy> {
  const carried = new Set<{ client: Socket; server: Socket }>();
  const changes: LinkChange[] = [{ at: performance.now(), up: true }];
  let up = true;
  let forwarded = 0;
  let refused = 0;
  let cut = 0;
  let timer: NodeJS.Timeout | undefined;
  let endFlap: (() => void) | undefined;

  const setUp = (next: boolean) => {
    if (next === up) return;
    up = next;
    changes.push({ at: performance.now(), up });
    if (up) return;
    for (const pair of carried) {
      cut++;
      pair.client.resetAndDestroy();
      pair.server.destroy();
    }
    carried.clear();
  };

  const proxy: Server = createServer((client) => {
    if (!up) {
      refused++;
      client.resetAndDestroy();
      return;
    }
    forwarded++;
    const server = connect(upstreamPort, '127.0.0.1');
    const pair = { client, server };
    carried.add(pair);
    const end = () => {
      carried.delete(pair);
      client.destroy();
      server.destroy();
    };
    client.on('error', end).on('close', end);
    server.on('error', end).on('close', end);
    client.pipe(server);
    server.pipe(client);
  });
  await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
  const { port } = proxy.address() as AddressInfo;

  const heal = () => {
    clearTimeout(timer);
    setUp(true);
    endFlap?.();
    endFlap = undefined;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    get up() {
      return up;
    },
    changes,
    flap(windows) {
      return new Promise<void>((ok) => {
        endFlap = ok;
        const next = (i: number) => {
          const w = windows[i];
          if (!w) return heal();
          setUp(w.up);
          timer = setTimeout(() => next(i + 1), w.ms);
        };
        next(0);
      });
    },
    heal,
    stats: () => ({ forwarded, refused, cut }),
    async close() {
      heal();
      for (const pair of carried) pair.client.destroy();
      await new Promise<void>((ok) => proxy.close(() => ok()));
    },
  };
}
