import type { Product } from '../../../../core/catalog/product';
import type { ProductsTable } from '../schema';
import type { Db, FeedChange } from '../storage';
import { reserveFeedSeqs } from './feed-counter';

/** A product as the server keeps it: the replicated document without its serverSeq. */
export type ProductInput = Omit<Product, 'serverSeq' | '_deleted'> & { _deleted?: boolean };

const toProduct = (r: ProductsTable): Product => ({
  id: r.id,
  code: r.code,
  name: r.name,
  priceCents: r.price_cents,
  unit: r.unit as Product['unit'],
  category: r.category,
  brand: r.brand,
  tags: JSON.parse(r.tags) as string[],
  serverSeq: r.server_seq,
  _deleted: Number(r.deleted) === 1,
});

/** The catalogue read model, per store. */
export class ProductsRepo {
  constructor(
    private readonly db: Db,
    private readonly touch: (c: FeedChange) => void,
  ) {}

  /**
   * Upserts products; each one that really changed gets a fresh serverSeq (the replication
   * checkpoint) from the shared feed counter. Unchanged products are not rewritten, so a re-seed
   * costs nothing downstream. Call it inside a transaction: the counter reservation and the rows
   * commit together.
   */
  async upsert(storeId: string, products: readonly ProductInput[]): Promise<number> {
    if (products.length === 0) return 0;
    let next = await reserveFeedSeqs(this.db, products.length);
    let written = 0;
    for (const p of products) {
      const row = {
        code: p.code,
        name: p.name,
        price_cents: p.priceCents,
        unit: p.unit,
        category: p.category,
        brand: p.brand,
        tags: JSON.stringify(p.tags),
        deleted: p._deleted ? 1 : 0,
        server_seq: next++,
      };
      const r = await this.db
        .insertInto('products')
        .values({ store_id: storeId, id: p.id, ...row })
        .onConflict((oc) =>
          oc
            .columns(['store_id', 'id'])
            .doUpdateSet(row)
            .where((eb) =>
              eb.or(
                (
                  ['code', 'name', 'price_cents', 'unit', 'category', 'brand', 'tags', 'deleted'] as const
                ).map((c) => eb(`products.${c}`, '<>', eb.ref(`excluded.${c}`))),
              ),
            ),
        )
        .executeTakeFirst();
      written += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
    if (written > 0) this.touch({ collection: 'products', storeId });
    return written;
  }

  async pull(storeId: string, after: number, limit: number): Promise<Product[]> {
    const rows = await this.db
      .selectFrom('products')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('server_seq', '>', after)
      .orderBy('server_seq')
      .limit(limit)
      .execute();
    return rows.map(toProduct);
  }

  async byIds(storeId: string, ids: readonly string[]): Promise<Map<string, Product>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('products')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((r) => [r.id, toProduct(r)]));
  }

  async count(storeId: string): Promise<number> {
    const r = await this.db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('store_id', '=', storeId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
