import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreSettings } from '../../../core/store/store-settings';
import type { PairResponse } from '../../../core/sync/protocol';
import { MIN_RECONNECT_MS } from '../../../renderer/src/sync/feed-stream';
import { Admin } from './support/admin';
import { pairFleet } from './support/pair-fleet';
import { LoggedServer, type StreamOpen } from './support/logged-server';
import { openStreamTill, seededRandom, type StreamTill } from './support/stream-till';

/**
 * Scenario 22 of issue 11: the server restarted (SIGTERM, started again on the same database)
 * under a fleet of live feed streams, each the till's own feed-stream module with its own seeded
 * jitter. Every till comes back, not in lock-step (read from the server's own log of stream
 * opens), and a change published after the restart reaches every one of them.
 * KASSA_ROLLING_TILLS=500 runs the full fleet of the scenario (100 by default: two busy cores);
 * KASSA_ROLLING_LOCKSTEP=1 gives every till the same seed, i.e. lock-step reconnects: then the
 * test must fail.
 */
const TILLS = Number(process.env.KASSA_ROLLING_TILLS ?? 100);
const LOCKSTEP = process.env.KASSA_ROLLING_LOCKSTEP === '1';
/**
 * At most this share of the fleet's reconnects may arrive within any 100 ms: twice the share a
 * uniform draw over the smallest back-off window gives (20% of the fleet per 100 ms of a 500 ms
 * window, as on a quiet machine where the server is back before the first draws end). Lock-step
 * tills arrive within a few ms of each other on a quiet machine; on a busy one the server's own pace
 * spreads them, which the order check below sees through.
 */
const MAX_SHARE_PER_100MS = Math.min(1, (2 * 100) / MIN_RECONNECT_MS);
const LIVE = { timeout: 60_000, interval: 100 };

const STORE: StoreSettings = {
  storeId: 'store-roll',
  name: 'Kassa Rolling',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};
const milk = {
  id: 'roll-milk',
  code: '8719990000017',
  name: 'Halfvolle melk',
  priceCents: 129,
  unit: 'each',
  category: 'dairy',
  brand: 'Campina',
  tags: [],
};

let dataDir: string;
let server: LoggedServer;
let admin: Admin;
let paired: PairResponse[];
const tills: StreamTill[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kassa-rolling-'));
  paired = await pairFleet({ dataDir }, STORE, TILLS);
  server = await LoggedServer.start(dataDir);
  admin = new Admin(server);
  await admin.putProducts(STORE.storeId, [milk]);
}, 180_000);
afterAll(async () => {
  for (const t of tills.splice(0)) t.close();
  await server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The first open of each terminal in a run of the server. */
function firstOpens(opens: readonly StreamOpen[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const o of opens) if (!first.has(o.terminalId)) first.set(o.terminalId, o.arrivedAt);
  return first;
}

/** The most arrivals within any window of `ms` (sliding, from each arrival). */
function densest(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to++) {
    while (sorted[to]! - sorted[from]! >= ms) from++;
    most = Math.max(most, to - from + 1);
  }
  return most;
}

/**
 * Spearman's rank correlation of the order terminals come back in with the order they were cut
 * off in: near 1 when every till waits the same (lock-step: they return in the order the server
 * ended their streams, whatever the server's pace), near 0 when each draws its own delay.
 */
function rankCorrelation(before: string[], after: string[]): number {
  const rank = new Map(before.map((id, i) => [id, i]));
  const n = after.length;
  const d2 = after.reduce((sum, id, i) => sum + (i - rank.get(id)!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe(`a server restart under ${TILLS} live feed streams`, () => {
  it('brings every till back with jittered reconnects, and every till takes the next change', async () => {
    paired.forEach((p, i) => tills.push(openStreamTill(server, p, seededRandom(LOCKSTEP ? 1 : i + 1))));
    await expect.poll(() => firstOpens(server.opens).size, LIVE).toBe(TILLS);
    await expect.poll(() => tills.filter((t) => t.pulls() > 0).length, LIVE).toBe(TILLS);
    expect(tills.every((t) => t.prices.get(milk.id) === 129)).toBe(true);
    // On SIGTERM the server ends its streams in the order they opened (OpenStreams.closeAll).
    const cutOff = [...firstOpens(server.opens).keys()];

    // The restart: SIGTERM ends every stream; the server comes back on the same database.
    await server.stop();
    const pullsBefore = tills.map((t) => t.pulls());
    await server.start();

    await expect.poll(() => firstOpens(server.opens).size, LIVE).toBe(TILLS);
    const back = firstOpens(server.opens);
    expect([...back.keys()].sort()).toEqual(paired.map((p) => p.terminalId).sort());
    // Not in lock-step: the order they return in is not the order they were cut off in...
    const rho = rankCorrelation(cutOff, [...back.keys()]);
    // ...and spread out: no 100 ms of the server's log holds more than a tenth of the fleet.
    const arrivals = [...back.values()];
    const crowd = densest(arrivals, 100);
    console.info(
      `rolling restart, ${TILLS} tills: return order vs cut-off order rho ${rho.toFixed(2)}; ` +
        `densest 100 ms held ${crowd}; all back within ${Math.max(...arrivals) - Math.min(...arrivals)} ms`,
    );
    expect(rho).toBeLessThan(0.5);
    expect(crowd).toBeLessThanOrEqual(Math.ceil(TILLS * MAX_SHARE_PER_100MS));

    // Every till resynced on its new stream (a pull from its checkpoint)...
    await expect
      .poll(() => tills.filter((t, i) => t.opens() >= 2 && t.pulls() > pullsBefore[i]!).length, LIVE)
      .toBe(TILLS);
    // ...and a change published after the restart reaches every one of them.
    await admin.putProducts(STORE.storeId, [{ ...milk, priceCents: 99 }]);
    await expect.poll(() => tills.filter((t) => t.prices.get(milk.id) === 99).length, LIVE).toBe(TILLS);
  }, 180_000);
});
