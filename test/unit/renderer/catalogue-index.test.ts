import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createKassaDatabase, type KassaDatabase, type ProductDoc } from '../../../renderer/src/db/database';
import { createCatalogueIndex } from '../../../renderer/src/db/catalogue-index';

const product = (i: number, over: Partial<ProductDoc> = {}): ProductDoc => ({
  id: `p${String(i).padStart(6, '0')}`,
  code: `code-${i}`,
  name: `Product ${i}`,
  priceCents: 100 + i,
  unit: 'each',
  category: 'c',
  brand: 'b',
  tags: [],
  serverSeq: i,
  ...over,
});

let db: KassaDatabase | undefined;
let n = 0;
afterEach(async () => {
  await db?.remove();
});

describe('catalogue index', () => {
  it('holds the whole replica (more than one page) and answers lookups by code', async () => {
    db = await createKassaDatabase(`test-index-${++n}`, 'strict', getRxStorageMemory());
    await db.products.bulkInsert(Array.from({ length: 12_000 }, (_, i) => product(i)));
    const index = createCatalogueIndex(db.products);
    expect(await index.lookup('code-11999')).toMatchObject({ id: 'p011999', priceCents: 12_099 });
    await index.ready;
    expect(index.size).toBe(12_000);
    expect(await index.lookup('code-7')).toEqual({
      id: 'p000007',
      code: 'code-7',
      name: 'Product 7',
      priceCents: 107,
      unit: 'each',
    });
    expect(await index.lookup('nope')).toBeUndefined();
    index.close();
  });

  it('follows inserts, price changes, code changes and deletions', async () => {
    db = await createKassaDatabase(`test-index-${++n}`, 'strict', getRxStorageMemory());
    await db.products.insert(product(1));
    const index = createCatalogueIndex(db.products);
    await index.ready;
    await db.products.insert(product(2));
    expect((await index.lookup('code-2'))?.name).toBe('Product 2');
    await db.products.upsert(product(1, { priceCents: 999 }));
    expect((await index.lookup('code-1'))?.priceCents).toBe(999);
    await db.products.upsert(product(1, { code: 'code-1b' }));
    expect(await index.lookup('code-1')).toBeUndefined();
    expect((await index.lookup('code-1b'))?.id).toBe('p000001');
    await (await db.products.findOne('p000002').exec())?.remove();
    expect(await index.lookup('code-2')).toBeUndefined();
    index.close();
  });
});
