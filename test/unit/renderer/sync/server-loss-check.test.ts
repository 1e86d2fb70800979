import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRODUCT_CODE_CONFIG } from '../../../../core/scan/product-code';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { createKassaDatabase, type KassaDatabase } from '../../../../renderer/src/db/database';
import { pushBodies } from '../../../../renderer/src/sync/replication';
import { checkServerLoss } from '../../../../renderer/src/sync/server-loss-check';
import { createSyncStatusStore } from '../../../../renderer/src/sync/sync-status';
import { saleChain } from '../../../integration/sync-server/support/sale-events';
import { json } from './support/memory-till';

/**
 * The till's check for a server that lost acknowledged events (server-loss-check.ts), against a
 * fake server: what /sync/v1/terminal answers decides whether the journal is pushed again.
 */
const STORE: StoreSettings = {
  storeId: 'S-1',
  name: 'Test store',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: DEFAULT_PRODUCT_CODE_CONFIG.variableMeasure.map((l) => ({ ...l })),
};

const dbs: KassaDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close();
});

/** A till with 5 sales, all acknowledged, and a server answering `/terminal` with `journal`. */
async function tillAgainst(journal: { lastSeq: number; contiguousSeq?: number }, refusedSeq?: number) {
  const db = await createKassaDatabase(`loss-${dbs.length}-${Date.now()}`, 'relaxed', getRxStorageMemory());
  dbs.push(db);
  const sales = saleChain('T-1', 'S-1', 5);
  await db.journal.bulkInsert(sales);
  if (refusedSeq !== undefined) {
    const s = sales[refusedSeq - 1]!;
    await db.refusals.insert({
      id: s.id,
      seq: s.seq,
      type: 'sale',
      reason: 'invalid',
      path: 'lines',
      message: 'too many lines',
      refusedAt: 1,
    });
  }
  const status = createSyncStatusStore({ loadAck: () => 5 });
  const pushedSeqs: number[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const path = new URL(String(input)).pathname;
    if (path.endsWith('/terminal'))
      return json(200, { terminalId: 'T-1', storeId: 'S-1', store: STORE, ...journal });
    const rows = JSON.parse(String(init?.body)) as { newDocumentState: { seq: number } }[];
    pushedSeqs.push(...rows.map((r) => r.newDocumentState.seq));
    return json(200, []);
  };
  const check = () =>
    checkServerLoss({
      db,
      endpoint: { serverUrl: 'http://kassa.test', token: 't' },
      status,
      transport: fetch,
      batchSize: 2,
      bodies: (rows) => pushBodies(rows, 4 * 1024 * 1024),
    });
  return { check, pushedSeqs, status };
}

describe('the check for a server that lost acknowledged events', () => {
  it('never pushes again when an older server does not say its contiguousSeq', async () => {
    const till = await tillAgainst({ lastSeq: 0 });
    expect(await till.check()).toEqual({ kind: 'unknown' });
    expect(till.pushedSeqs).toEqual([]);
    expect(till.status.get().ackSeq).toBe(5);
  });

  it('pushes nothing when the server has everything the till had acknowledged', async () => {
    const till = await tillAgainst({ lastSeq: 5, contiguousSeq: 5 });
    expect(await till.check()).toEqual({ kind: 'intact' });
    expect(till.pushedSeqs).toEqual([]);
  });

  it('pushes every event above the server’s contiguousSeq again, in order, once', async () => {
    const till = await tillAgainst({ lastSeq: 2, contiguousSeq: 2 });
    // While they are pushed again, the lost events count as waiting; then as at HQ once more.
    const acks: number[] = [];
    till.status.subscribe(() => acks.push(till.status.get().ackSeq));
    expect(await till.check()).toEqual({ kind: 'repushed', fromSeq: 3, events: 3 });
    expect(till.pushedSeqs).toEqual([3, 4, 5]);
    expect(acks).toEqual([2, 4, 5]);
  });

  it('takes a hole the server refused for no loss, unless the server’s last seq went back too', async () => {
    const kept = await tillAgainst({ lastSeq: 5, contiguousSeq: 2 }, 3);
    expect(await kept.check()).toEqual({ kind: 'intact' });
    expect(kept.pushedSeqs).toEqual([]);

    const lost = await tillAgainst({ lastSeq: 2, contiguousSeq: 2 }, 3);
    expect(await lost.check()).toEqual({ kind: 'repushed', fromSeq: 3, events: 2 });
    expect(lost.pushedSeqs).toEqual([4, 5]);
  });
});
