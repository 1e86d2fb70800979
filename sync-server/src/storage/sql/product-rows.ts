import type { Product } from '../../../../core/catalog/product';
import type { ProductInput } from '../port';
import { toProduct, type ProductRow } from './rows';
import type { SqlExecutor } from './sql-executor';

/**
 * Upserts products and gives each written one a fresh serverSeq (the replication checkpoint).
 * The block of serverSeqs is reserved with one atomic UPDATE of the counter row, which also holds
 * that row until commit: a later transaction cannot commit higher serverSeqs before this one, so a
 * terminal pulling "after checkpoint N" never skips a product. Unchanged products are not
 * rewritten (a re-seed costs nothing downstream); their reserved number is a harmless hole.
 */
export async function upsertProductRows(
  exec: SqlExecutor,
  storeId: string,
  products: readonly ProductInput[],
): Promise<number> {
  if (products.length === 0) return 0;
  const top = await exec.get<{ value: number }>(
    "UPDATE counters SET value = value + ? WHERE name = 'product_seq' RETURNING value",
    [products.length],
  );
  let next = Number(top?.value ?? 0) - products.length;
  let written = 0;
  for (const p of products) {
    next += 1;
    const { changes } = await exec.run(
      `INSERT INTO products (store_id, id, code, name, price_cents, unit, category, brand, tags, deleted, server_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (store_id, id) DO UPDATE SET code = excluded.code, name = excluded.name,
         price_cents = excluded.price_cents, unit = excluded.unit, category = excluded.category,
         brand = excluded.brand, tags = excluded.tags, deleted = excluded.deleted, server_seq = excluded.server_seq
       WHERE products.code <> excluded.code OR products.name <> excluded.name
         OR products.price_cents <> excluded.price_cents OR products.unit <> excluded.unit
         OR products.category <> excluded.category OR products.brand <> excluded.brand
         OR products.tags <> excluded.tags OR products.deleted <> excluded.deleted`,
      [
        storeId,
        p.id,
        p.code,
        p.name,
        p.priceCents,
        p.unit,
        p.category,
        p.brand,
        JSON.stringify(p.tags),
        p._deleted ? 1 : 0,
        next,
      ],
    );
    written += changes;
  }
  return written;
}

export async function pullProductRows(
  exec: SqlExecutor,
  storeId: string,
  afterServerSeq: number,
  limit: number,
): Promise<Product[]> {
  const rows = await exec.all<ProductRow>(
    'SELECT * FROM products WHERE store_id = ? AND server_seq > ? ORDER BY server_seq LIMIT ?',
    [storeId, afterServerSeq, limit],
  );
  return rows.map(toProduct);
}
