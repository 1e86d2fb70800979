import type { Table as DexieTable } from 'dexie';
import type { RxCollection } from 'rxdb';
import type { ProductForSale } from '../features/checkout/basket';
import type { ProductDoc } from './database';

/**
 * An in-memory index of the catalogue by code, fed by RxDB: the till looks a scan up here in
 * microseconds instead of an IndexedDB round trip, whose tail on a busy 2-core till exceeds
 * 5 ms (test/bench/barcode-lookup.bench.ts). RxDB stays the source of truth: the index loads from
 * the replica in pages at start (lookups go to RxDB until then) and follows every change RxDB
 * emits, replication pulls included. It keeps only what a basket line needs.
 */
export interface CatalogueIndex {
  lookup(code: string): Promise<ProductForSale | undefined>;
  /** Resolves when the whole catalogue is in memory. */
  readonly ready: Promise<void>;
  readonly size: number;
  close(): void;
}

const PAGE = 5_000;

function forSale(d: ProductDoc): ProductForSale {
  return { id: d.id, code: d.code, name: d.name, priceCents: d.priceCents, unit: d.unit };
}

interface Page {
  docs: ProductDoc[];
  /** Id of the last row read (deleted or not), where the next page starts. */
  lastId: string | undefined;
  more: boolean;
}
type PageReader = (afterId: string) => Promise<Page>;

/**
 * Reads the replica in pages ordered by id. On the Dexie storage it reads the table RxDB keeps
 * (`storageInstance.internals.dexieTable`) with getAll-backed key ranges: RxDB's own query walks
 * an IndexedDB cursor one document per round trip, about a minute for 100,000 products on this
 * machine. Read-only; rows RxDB keeps as deleted (`_deleted` '1') are skipped. Other storages
 * (memory, in tests) go through RxDB queries.
 */
async function pageReader(products: RxCollection<ProductDoc>): Promise<PageReader> {
  const internals = (await products.storageInstance.internals) as { dexieTable?: DexieTable } | undefined;
  const table = internals?.dexieTable;
  if (table) {
    return async (after) => {
      const rows = (await table.where(':id').above(after).limit(PAGE).toArray()) as (ProductDoc & {
        _deleted?: unknown;
      })[];
      return {
        docs: rows.filter((r) => r._deleted !== '1' && r._deleted !== true),
        lastId: rows[rows.length - 1]?.id,
        more: rows.length === PAGE,
      };
    };
  }
  return async (after) => {
    const docs = await products
      .find({ selector: { id: { $gt: after } }, sort: [{ id: 'asc' }], limit: PAGE })
      .exec();
    return { docs, lastId: docs[docs.length - 1]?.id, more: docs.length === PAGE };
  };
}

export function createCatalogueIndex(products: RxCollection<ProductDoc>): CatalogueIndex {
  const byCode = new Map<string, ProductForSale>();
  // Ids changed by live events while the pages load: a page read earlier must not overwrite them.
  const touched = new Set<string>();
  let loaded = false;
  let closed = false;

  const sub = products.$.subscribe((ev) => {
    if (!loaded) touched.add(ev.documentId);
    if (ev.previousDocumentData && ev.previousDocumentData.code !== ev.documentData.code) {
      byCode.delete(ev.previousDocumentData.code);
    }
    if (ev.operation === 'DELETE' || ev.documentData._deleted) byCode.delete(ev.documentData.code);
    else byCode.set(ev.documentData.code, forSale(ev.documentData));
  });

  const ready = (async () => {
    const readPage = await pageReader(products);
    let after = '';
    for (;;) {
      if (closed) return;
      const page = await readPage(after);
      for (const doc of page.docs) {
        if (!touched.has(doc.id)) byCode.set(doc.code, forSale(doc));
      }
      if (!page.more || page.lastId === undefined) break;
      after = page.lastId;
    }
    loaded = true;
    touched.clear();
  })();

  return {
    async lookup(code) {
      if (loaded) return byCode.get(code);
      const doc = await products.findOne({ selector: { code } }).exec();
      return doc ? forSale(doc) : undefined;
    },
    ready,
    get size() {
      return byCode.size;
    },
    close() {
      closed = true;
      sub.unsubscribe();
    },
  };
}
