import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { PostgresStorage } from '../../../sync-server/src/storage/postgres/postgres-storage';
import { freshSchema, startTestPostgres, type TestPostgres } from '../../support/postgres';
import { pushRows, saleChain } from './support/sale-events';

/**
 * The push's statements are prepared once per connection on PostgreSQL. Several server instances
 * share one database, and a newer one migrates it while the older ones keep serving: their
 * prepared statements must go on working after columns were added to the tables they read.
 */
const who = { terminalId: 'T-prep', storeId: 's-prep' };

describe('PostgreSQL prepared statements', () => {
  let pg: TestPostgres;
  let storage: PostgresStorage;
  beforeAll(async () => {
    pg = await startTestPostgres();
    storage = await PostgresStorage.open({ url: pg.url, schema: freshSchema('prepared'), poolSize: 2 });
    await storage.transaction(async (tx) => {
      await tx.stores.upsert(
        {
          storeId: who.storeId,
          name: 'Winkel',
          currency: 'EUR',
          timeZone: 'Europe/Amsterdam',
          locale: 'nl-NL',
          variableMeasure: [],
        },
        1,
      );
      await tx.terminals.insert({
        terminalId: who.terminalId,
        storeId: who.storeId,
        name: null,
        tokenHash: 'h-prep',
        pairedAt: 1,
      });
    });
  });
  afterAll(async () => {
    await storage.close();
    await pg.stop();
  });

  it('keeps folding pushes after another instance added columns to the tables a push reads and writes', async () => {
    const events = saleChain(who.terminalId, who.storeId, 40);
    // Enough batches that every connection of the pool has prepared the push's statements.
    for (let i = 0; i < 20; i += 5) {
      const r = await pushJournal(storage, who, pushRows(events.slice(i, i + 5)), 1_000 + i);
      expect(r.ok && r.value.accepted).toBe(5);
    }
    for (const table of [
      'terminals',
      'stores',
      'journal',
      'sales',
      'sale_lines',
      'returns',
      'projection_cursors',
    ])
      await storage.pool.query(`ALTER TABLE ${table} ADD COLUMN added_by_a_newer_release TEXT`);
    for (let i = 20; i < 40; i += 5) {
      const r = await pushJournal(storage, who, pushRows(events.slice(i, i + 5)), 1_000 + i);
      expect(r.ok && r.value.accepted).toBe(5);
    }
    // A retried batch is still recognised as such.
    const again = await pushJournal(storage, who, pushRows(events.slice(35, 40)), 2_000);
    expect(again.ok && again.value).toMatchObject({ accepted: 0, duplicates: 5 });
    const sales = await storage.sales.totals({ terminalId: who.terminalId });
    expect(sales.count).toBe(40);
    const terminal = await storage.terminals.get(who.terminalId);
    expect(terminal).toMatchObject({ contiguousSeq: 40, maxSeq: 40 });
  });
});
