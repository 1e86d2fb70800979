import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreSettings } from '../../../core/store/store-settings';
import { PostgresStorage } from '../../../sync-server/src/storage/postgres/postgres-storage';
import type { FeedChange } from '../../../sync-server/src/storage/storage';
import { freshSchema, startTestPostgres, type TestPostgres } from '../../support/postgres';

/** Several server instances on one PostgreSQL: a change committed by one reaches the streams of all. */
const store = (storeId: string, name = 'Winkel'): StoreSettings => ({
  storeId,
  name,
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
});
const melk = (priceCents = 100) => ({
  id: 'p',
  code: '1',
  name: 'Melk',
  priceCents,
  unit: 'each' as const,
  category: 'Zuivel',
  brand: 'B',
  tags: [],
});

async function waitFor(cond: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 10_000;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function recorder(s: PostgresStorage) {
  const heard: FeedChange[] = [];
  s.onFeedChanged((c) => heard.push(c));
  return heard;
}

describe('PostgreSQL change fan-out (LISTEN/NOTIFY)', () => {
  let pg: TestPostgres;
  let a: PostgresStorage;
  let b: PostgresStorage;
  let elsewhere: PostgresStorage;
  beforeAll(async () => {
    pg = await startTestPostgres();
    const schema = freshSchema('notify');
    a = await PostgresStorage.open({ url: pg.url, schema });
    b = await PostgresStorage.open({ url: pg.url, schema });
    elsewhere = await PostgresStorage.open({ url: pg.url, schema: freshSchema('other') });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), elsewhere?.close()]);
    await pg?.stop();
  });

  it('tells the other instance on the same schema of a committed store or product change, and not one on another schema', async () => {
    const heardByA = recorder(a);
    const heardByB = recorder(b);
    const heardElsewhere = recorder(elsewhere);

    await a.transaction((tx) => tx.stores.upsert(store('s1'), 1));
    await waitFor(() => heardByB.length >= 1, 'the store change on b');
    expect(heardByB).toEqual([{ collection: 'stores', storeId: 's1', region: null }]);
    // b reads what a committed.
    expect((await b.stores.pull('s1', 0, 10)).map((d) => d.name)).toEqual(['Winkel']);

    await a.transaction((tx) => tx.products.upsert('s1', [melk()]));
    await waitFor(() => heardByB.length >= 2, 'the product change on b');
    expect(heardByB).toEqual([
      { collection: 'stores', storeId: 's1', region: null },
      { collection: 'products', storeId: 's1' },
    ]);
    expect((await b.products.pull('s1', 0, 10)).map((p) => p.name)).toEqual(['Melk']);

    // The other way round, outside a transaction: b's change reaches a.
    await b.transaction((tx) => tx.stores.upsert(store('s1', 'Winkel Centrum'), 2));
    await waitFor(() => heardByA.length >= 3 && heardByB.length >= 3, 'b’s change on a, and on b itself');
    // Every instance hears every change, its own included, in commit order.
    expect(heardByA).toEqual(heardByB);
    expect((await a.stores.get('s1'))?.name).toBe('Winkel Centrum');

    // A change on another schema is the only thing that instance hears.
    await elsewhere.transaction(async (tx) => {
      await tx.stores.upsert(store('s9'), 1);
      await tx.products.upsert('s9', [melk()]);
    });
    await waitFor(() => heardElsewhere.length >= 2, 'the change on the other schema');
    expect([...heardElsewhere].sort((x, y) => x.collection.localeCompare(y.collection))).toEqual([
      { collection: 'products', storeId: 's9' },
      { collection: 'stores', storeId: 's9', region: null },
    ]);
    expect(heardByB.some((c) => c.storeId === 's9')).toBe(false);
  });

  it('tells nobody of a rolled-back change', async () => {
    // Listening before the set-up commit, so its notification cannot slip past the recorder.
    const heardByB = recorder(b);
    await a.transaction((tx) => tx.stores.upsert(store('s2'), 1));
    await waitFor(() => heardByB.some((c) => c.storeId === 's2'), 'the set-up change');
    heardByB.length = 0;

    await expect(
      a.transaction(async (tx) => {
        await tx.products.upsert('s2', [melk(999)]);
        await tx.stores.upsert(store('s2', 'Nooit'), 2);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    // A committed change after it: notifications arrive in commit order, so a wrongly announced
    // rollback would be heard first.
    await a.transaction((tx) => tx.stores.upsert(store('s3'), 1));
    await waitFor(() => heardByB.some((c) => c.storeId === 's3'), 'the later committed change');
    expect(heardByB).toEqual([{ collection: 'stores', storeId: 's3', region: null }]);
    expect(await b.products.pull('s2', 0, 10)).toEqual([]);
    expect((await b.stores.get('s2'))?.name).toBe('Winkel');
  });
});
