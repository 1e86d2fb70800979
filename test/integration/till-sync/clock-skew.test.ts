import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealEvent } from '../../../core/journal/hash-chain';
import type { SaleEvent, UnsignedEvent } from '../../../core/journal';
import { GENESIS_HASH } from '../../../core/journal/sale-event';
import { syncPaths, type PairResponse } from '../../../core/sync/protocol';
import { createKassaDatabase } from '../../../renderer/src/db/database';
import { startReplication } from '../../../renderer/src/sync/replication';
import { createSyncStatusStore } from '../../../renderer/src/sync/sync-status';
import { call } from '../sync-server/support/http';
import { saleChain } from '../sync-server/support/sale-events';
import { Admin } from './support/admin';
import { CHAOS_STORE } from './support/chaos-store';
import { ServerOn, STORAGE_KINDS } from './support/server-on';

/**
 * Issue 11, "Real processes, real faults" 12: two tills with wrong clocks — one 24 h ahead that
 * jumps back 48 h halfway, one 24 h behind — push their sales and pull a changing catalogue from
 * the real server process, on SQLite and PostgreSQL. The server keeps every sale once, with the
 * time its till gave it, and lists them by its own serverSeq, whatever the clocks said; the
 * tills' acknowledged seq and pull checkpoints only go forward.
 */
const SALES = 30;
const HOUR = 3_600_000;

/** A till's own chain, its sales stamped by its (wrong) clock: `clock(seq)` is the offset. */
function skewedChain(terminalId: string, storeId: string, clock: (seq: number) => number): SaleEvent[] {
  const out: SaleEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (const plain of saleChain(terminalId, storeId, SALES)) {
    const { hash: _h, ...base } = plain;
    const sale = sealEvent<SaleEvent>({
      ...base,
      prevHash,
      createdAt: base.createdAt + clock(base.seq),
    } as UnsignedEvent<SaleEvent>);
    out.push(sale);
    prevHash = sale.hash;
  }
  return out;
}

let counter = 0;
/** The renderer's database and replication with the till's clock `now` (a NodeTill without one). */
async function skewedTill(server: ServerOn, paired: PairResponse, offset: () => number) {
  const checkpoints: number[] = [];
  const transport: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (new URL(String(input)).pathname === syncPaths.pull('products') && res.ok) {
      const page = (await res.clone().json()) as { checkpoint: { serverSeq: number } | null };
      if (page.checkpoint) checkpoints.push(page.checkpoint.serverSeq);
    }
    return res;
  };
  const db = await createKassaDatabase(`skew${++counter}x${Date.now()}`, 'relaxed', getRxStorageMemory());
  const status = createSyncStatusStore();
  const acks: number[] = [];
  const unsubscribe = status.subscribe(() => acks.push(status.get().ackSeq));
  const replication = startReplication({
    db,
    endpoint: { serverUrl: server.url, token: paired.token },
    terminalId: paired.terminalId,
    status,
    now: () => Date.now() + offset(),
    fetch: transport,
    readModels: ['products'],
    pushBatchSize: 4,
    pullBatchSize: 3,
  });
  return {
    db,
    status,
    replication,
    checkpoints,
    acks,
    async close() {
      unsubscribe();
      await replication.stop();
      await db.close();
    },
  };
}

const product = (i: number, priceCents: number) => ({
  id: `skew-${i}`,
  code: `skew${i}`,
  name: `Artikel ${i}`,
  priceCents,
  unit: 'each' as const,
  category: 'test',
  brand: 'Kassa',
  tags: [],
});

describe.each(STORAGE_KINDS)('tills with clocks a day off or jumping back (%s)', (kind) => {
  let server: ServerOn;
  let admin: Admin;
  beforeAll(async () => {
    server = await ServerOn.start(kind);
    admin = new Admin(server);
    await admin.saveStore(CHAOS_STORE);
    await admin.putProducts(
      CHAOS_STORE.storeId,
      Array.from({ length: 10 }, (_, i) => product(i, 100)),
    );
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('orders the sales by serverSeq and moves every checkpoint only forward', async () => {
    const ahead = await admin.pair(CHAOS_STORE.storeId, 'ahead, then back');
    const behind = await admin.pair(CHAOS_STORE.storeId, 'behind');
    let aheadOffset = 24 * HOUR;
    const tillAhead = await skewedTill(server, ahead, () => aheadOffset);
    const tillBehind = await skewedTill(server, behind, () => -24 * HOUR);
    const half = SALES / 2;
    const aheadChain = skewedChain(ahead.terminalId, ahead.storeId, (seq) =>
      seq <= half ? 24 * HOUR : -24 * HOUR,
    );
    const behindChain = skewedChain(behind.terminalId, behind.storeId, () => -24 * HOUR);
    try {
      // The first half of each till's sales, a price change, the clock jump, the rest, another change.
      await tillAhead.db.journal.bulkInsert(aheadChain.slice(0, half));
      await tillBehind.db.journal.bulkInsert(behindChain.slice(0, half));
      await admin.putProducts(CHAOS_STORE.storeId, [product(3, 333), product(4, 444)]);
      aheadOffset = -24 * HOUR;
      for (const sale of aheadChain.slice(half)) await tillAhead.db.journal.insert(sale);
      await tillBehind.db.journal.bulkInsert(behindChain.slice(half));
      await admin.putProducts(CHAOS_STORE.storeId, [product(3, 303), product(7, 777)]);

      for (const till of [tillAhead, tillBehind]) {
        await expect.poll(() => till.status.get().ackSeq, { timeout: 20_000 }).toBe(SALES);
        await expect
          .poll(async () => (await till.db.products.findOne('skew-7').exec())?.priceCents, {
            timeout: 20_000,
          })
          .toBe(777);
        expect((await till.db.products.findOne('skew-3').exec())?.priceCents).toBe(303);
        expect(till.acks).toEqual([...till.acks].sort((a, b) => a - b));
        expect(till.checkpoints.length).toBeGreaterThan(3);
        expect(till.checkpoints).toEqual([...till.checkpoints].sort((a, b) => a - b));
        expect(till.status.get().problem).toBeNull();
      }

      const listed = (
        await call(server, 'GET', `/admin/sales?storeId=${CHAOS_STORE.storeId}&limit=1000`, {
          token: server.adminToken,
        })
      ).body as { sales: { serverSeq: number; terminalId: string; seq: number; createdAt: number }[] };
      expect(listed.sales).toHaveLength(2 * SALES);
      // Newest first by the server's own sequence, not by anybody's clock.
      const bySeq = listed.sales.map((s) => s.serverSeq);
      expect(bySeq).toEqual([...bySeq].sort((a, b) => b - a));
      for (const [paired, chain] of [
        [ahead, aheadChain],
        [behind, behindChain],
      ] as const) {
        // Each sale once, with the time its till's clock gave it (data, not an order).
        const mine = listed.sales.filter((s) => s.terminalId === paired.terminalId);
        const createdAt = new Map(mine.map((s) => [s.seq, s.createdAt]));
        expect(mine).toHaveLength(SALES);
        expect(createdAt).toEqual(new Map(chain.map((s) => [s.seq, s.createdAt])));
        expect(await admin.terminal(paired.terminalId)).toMatchObject({
          lastSeq: SALES,
          contiguousSeq: SALES,
          gaps: [],
        });
      }
      // The jump back really is in what the server keeps: the listing is not in clock order.
      const times = listed.sales.map((s) => s.createdAt);
      expect(times).not.toEqual([...times].sort((a, b) => b - a));
    } finally {
      await tillAhead.close();
      await tillBehind.close();
    }
  });
});
