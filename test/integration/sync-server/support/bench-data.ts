import type { PairResponse } from '../../../../core/sync/protocol';
import type { ProductInput } from '../../../../sync-server/src/storage/repos/products';
import { demoCatalogue } from '../../../../sync-server/src/demo/demo-catalogue';

/** `count` realistic products: the demo catalogue repeated under fresh ids and codes. */
export function manyProducts(count: number): ProductInput[] {
  const base = demoCatalogue();
  return Array.from({ length: count }, (_, i) => {
    const p = base[i % base.length] as ProductInput;
    const id = `bench-${String(i).padStart(7, '0')}`;
    return { ...p, id, code: `9${String(i).padStart(12, '0')}` };
  });
}

async function json(url: string, init: RequestInit): Promise<unknown> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** Loads products into a running server through the admin API (10,000 per request). */
export async function loadProducts(
  server: { url: string; adminToken: string },
  storeId: string,
  products: readonly ProductInput[],
): Promise<void> {
  for (let i = 0; i < products.length; i += 10_000) {
    await json(`${server.url}/admin/stores/${storeId}/products`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(products.slice(i, i + 10_000)),
    });
  }
}

export async function pairWith(url: string, code: string): Promise<PairResponse> {
  return (await json(`${url}/pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  })) as PairResponse;
}
