import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStorage } from '../../../sync-server/src/storage/postgres/postgres-storage';
import { freshSchema, startTestPostgres, type TestPostgres } from '../../support/postgres';

/** Several server instances on one PostgreSQL: a change made by one reaches the streams of all. */
describe('PostgreSQL change fan-out (LISTEN/NOTIFY)', () => {
  let pg: TestPostgres;
  beforeAll(async () => {
    pg = await startTestPostgres();
  });
  afterAll(() => pg?.stop());

  it('tells another instance on the same schema, and not one on another schema', async () => {
    const schema = freshSchema('notify');
    const a = await PostgresStorage.open({ url: pg.url, schema });
    const b = await PostgresStorage.open({ url: pg.url, schema });
    const elsewhere = await PostgresStorage.open({ url: pg.url, schema: freshSchema('other') });
    try {
      const heardElsewhere: string[] = [];
      elsewhere.onProductsChanged((id) => heardElsewhere.push(id));
      const heardByB = new Promise<string>((resolve) => b.onProductsChanged(resolve));
      await a.upsertStore(
        { storeId: 's1', name: 'W', currency: 'EUR', timeZone: 'UTC', locale: 'nl-NL', variableMeasure: [] },
        1,
      );
      await a.upsertProducts('s1', [
        {
          id: 'p',
          code: '1',
          name: 'Melk',
          priceCents: 100,
          unit: 'each',
          category: 'Zuivel',
          brand: 'B',
          tags: [],
        },
      ]);
      expect(await heardByB).toBe('s1');
      expect((await b.pullProducts('s1', 0, 10)).map((p) => p.name)).toEqual(['Melk']);
      // A later change on the other schema is the only thing it hears.
      await elsewhere.upsertStore(
        { storeId: 's9', name: 'X', currency: 'EUR', timeZone: 'UTC', locale: 'nl-NL', variableMeasure: [] },
        1,
      );
      const own = new Promise<string>((resolve) => elsewhere.onProductsChanged(resolve));
      await elsewhere.upsertProducts('s9', [
        {
          id: 'q',
          code: '2',
          name: 'Kaas',
          priceCents: 100,
          unit: 'each',
          category: 'Kaas',
          brand: 'B',
          tags: [],
        },
      ]);
      expect(await own).toBe('s9');
      expect(heardElsewhere).toEqual(['s9']);
    } finally {
      await Promise.all([a.close(), b.close(), elsewhere.close()]);
    }
  });
});
