import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealEvent } from '../../../core/journal/hash-chain';
import type { SaleEvent, UnsignedEvent } from '../../../core/journal';
import { syncPaths } from '../../../core/sync/protocol';
import { call } from '../sync-server/support/http';
import { pushRows, saleChain } from '../sync-server/support/sale-events';
import { Admin } from './support/admin';
import { CHAOS_STORE } from './support/chaos-store';
import { startDupProxy, type DupProxy } from './support/dup-proxy';
import { openNodeTill } from './support/node-till';
import { ServerOn, STORAGE_KINDS } from './support/server-on';

/**
 * Issue 11, "Real processes, real faults" 3: the till's own journal push
 * (renderer/src/sync/replication.ts) through a real HTTP proxy that sends every push batch to the
 * real server process 2–5 times at once, mixed with replays of earlier batches and a late copy
 * after the next batch — so batches arrive duplicated and out of order. The sales, their totals
 * and the terminal's sequence are there exactly once; an event id pushed again with another
 * body is answered with the stored version, which stays, and raised once as tamper.
 */
const SALES = 200;
const SEED = Number(process.env.KASSA_CHAOS_SEED ?? 11_003);

interface Sold {
  sales: { eventId: string; seq: number; totalCents: number }[];
  totals: { count: number; totalCents: number };
}

describe.each(STORAGE_KINDS)('push batches duplicated and reordered by a proxy (%s)', (kind) => {
  let server: ServerOn;
  let admin: Admin;
  let proxy: DupProxy;
  beforeAll(async () => {
    server = await ServerOn.start(kind);
    admin = new Admin(server);
    await admin.saveStore(CHAOS_STORE);
    proxy = await startDupProxy(server.url, SEED);
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.dispose();
  });

  it('folds every sale once and keeps the first body of a reused event id', async () => {
    const paired = await admin.pair(CHAOS_STORE.storeId);
    const chain = saleChain(paired.terminalId, paired.storeId, SALES);
    const till = await openNodeTill({ url: proxy.url }, paired, { pushBatchSize: 10, readModels: [] });
    try {
      await till.db.journal.bulkInsert(chain);
      const journal = till.replication.journal!;
      await journal.awaitInitialReplication();
      await journal.awaitInSync();
      await proxy.drain();
    } finally {
      await till.close();
    }
    const stats = proxy.stats();
    // The proxy really did duplicate and replay (seeded: 2–5 copies of each of ≥ 20 pushes).
    expect(stats.pushes).toBeGreaterThanOrEqual(SALES / 10);
    expect(stats.delivered).toBeGreaterThanOrEqual(stats.pushes * 3);
    expect(stats.replays).toBeGreaterThanOrEqual(stats.pushes);
    expect(stats.reordered).toBeGreaterThan(0);

    const sold = (
      await call(server, 'GET', `/admin/sales?terminalId=${paired.terminalId}&limit=1000`, {
        token: server.adminToken,
      })
    ).body as Sold;
    expect(sold.totals.count).toBe(SALES);
    expect(sold.totals.totalCents).toBe(chain.reduce((n, s) => n + s.totalCents, 0));
    expect(new Set(sold.sales.map((s) => s.eventId))).toEqual(new Set(chain.map((s) => s.id)));
    expect(await admin.terminal(paired.terminalId)).toMatchObject({
      lastSeq: SALES,
      contiguousSeq: SALES,
      gaps: [],
    });
    expect(await admin.exceptions(paired.terminalId)).toEqual([]);

    // The same event id (its idempotency key) with another body, pushed through the proxy too.
    const original = chain[4]!;
    const { hash: _hash, ...unsigned } = original;
    const altered = sealEvent<SaleEvent>({
      ...unsigned,
      payments: [{ method: 'cash', amountCents: 504, tenderedCents: 2000, changeCents: 1496 }],
    } as UnsignedEvent<SaleEvent>);
    const again = await call(proxy, 'POST', syncPaths.push('journal'), {
      token: paired.token,
      body: pushRows([altered]),
    });
    await proxy.drain();
    expect(again.status).toBe(200);
    expect(again.body).toEqual([expect.objectContaining({ id: original.id, hash: original.hash })]);
    const after = (
      await call(server, 'GET', `/admin/sales?terminalId=${paired.terminalId}&limit=1000`, {
        token: server.adminToken,
      })
    ).body as Sold;
    expect(after.totals).toEqual(sold.totals);
    const exceptions = await admin.exceptions(paired.terminalId);
    expect(exceptions).toEqual([expect.objectContaining({ kind: 'tamper' })]);
  });
});
