import { Dexie } from 'dexie';
import { cents } from '../../../core/money';
import { withCheckDigit } from '../../../core/scan/gtin';
import type { StoreSettings } from '../../../core/store/store-settings';
import { createIdFactory } from '../../../core/ids';
import { createKassaDatabase, type Durability, type ProductDoc } from '../db/database';
import { createJournalWriter } from '../db/journal-writer';
import { createCatalogueIndex, type CatalogueIndex } from '../db/catalogue-index';
import { addProduct, EMPTY_BASKET, type Basket } from '../features/checkout/basket';
import { buildSaleEvent } from '../features/checkout/build-sale-event';
import { loyaltyPanel } from './loyalty-panel';
import { dropMembers, loadMembers, lookupMembers } from './member-lookup';
import { replicaLookup } from './replica-lookup';

/**
 * Benchmarks that need real IndexedDB run in Chromium on this page (built with the renderer, so
 * they measure the production code). test/bench/*.bench.ts drive it through playwright-core and
 * read the samples back; each function returns milliseconds per operation.
 */
const STORE: StoreSettings = {
  storeId: 'bench-store',
  name: 'Bench',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};

function product(i: number): ProductDoc {
  return {
    id: `p${i}`,
    code: withCheckDigit(`871${String(i).padStart(9, '0')}`),
    name: `Product ${i}`,
    priceCents: 100 + (i % 900),
    unit: 'each',
    category: `cat-${i % 40}`,
    brand: `brand-${i % 200}`,
    tags: [],
    serverSeq: i + 1,
  };
}

function basketOf(lines: number): Basket {
  let basket = EMPTY_BASKET;
  for (let i = 0; i < lines; i++) {
    const p = product(i);
    const r = addProduct(
      basket,
      { ...p },
      { kind: 'gtin', symbology: 'ean13', gtin: p.code, lookupCode: p.code },
      `l${i}`,
    );
    if (r.ok) basket = r.value;
  }
  return basket;
}

/** "Complete sale" → event durable in RxDB: build + seal + one insert, as useCheckout does it. */
async function checkoutCommit(durability: Durability, sales: number, warmup: number): Promise<number[]> {
  const db = await createKassaDatabase(`bench-commit-${durability}-${Date.now()}`, durability);
  const journal = createJournalWriter({ db, resumePoint: async () => undefined });
  const newId = createIdFactory();
  const basket = basketOf(5);
  const samples: number[] = [];
  for (let i = 0; i < warmup + sales; i++) {
    const t0 = performance.now();
    await journal.append((head) =>
      buildSaleEvent(
        basket,
        { method: 'cash', amountCents: cents(5000), tenderedCents: cents(5000), changeCents: cents(0) },
        {
          id: newId(Date.now()),
          terminalId: 'bench',
          store: STORE,
          seq: head.seq + 1,
          prevHash: head.hash,
          nowMs: Date.now(),
        },
      ),
    );
    if (i >= warmup) samples.push(performance.now() - t0);
  }
  await db.remove();
  return samples;
}

/** The floor: one bare Dexie put of an event-sized object, same durability, no RxDB. */
async function bareDexiePut(durability: Durability, writes: number): Promise<number[]> {
  const dexie = new Dexie(`bench-bare-${durability}-${Date.now()}`, {
    chromeTransactionDurability: durability,
  });
  dexie.version(1).stores({ journal: 'id, seq' });
  await dexie.open();
  const basket = basketOf(5);
  const samples: number[] = [];
  for (let i = 0; i < writes; i++) {
    const t0 = performance.now();
    await dexie.table('journal').put({ id: `e${i}`, seq: i + 1, lines: basket.lines, totalCents: 5000 });
    samples.push(performance.now() - t0);
  }
  dexie.close();
  await Dexie.delete(dexie.name);
  return samples;
}

/** Loads the same `count` products into an RxDB replica and a bare Dexie table. */
async function loadCatalogue(count: number): Promise<{ rxMs: number; dexieMs: number; indexMs: number }> {
  const docs = Array.from({ length: count }, (_, i) => product(i));
  const stamp = Date.now();
  const t0 = performance.now();
  const db = await createKassaDatabase(`bench-lookup-${stamp}`);
  for (let i = 0; i < docs.length; i += 5_000) await db.products.bulkInsert(docs.slice(i, i + 5_000));
  const rxMs = performance.now() - t0;
  const t1 = performance.now();
  const dexie = new Dexie(`bench-lookup-bare-${stamp}`);
  dexie.version(1).stores({ products: 'id, code' });
  await dexie.open();
  for (let i = 0; i < docs.length; i += 5_000)
    await dexie.table('products').bulkPut(docs.slice(i, i + 5_000));
  const dexieMs = performance.now() - t1;
  state.rx = db;
  state.dexie = dexie;
  // The till's index, loaded from the replica as at start-up.
  const t2 = performance.now();
  state.index = createCatalogueIndex(db.products);
  await state.index.ready;
  const indexMs = performance.now() - t2;
  if (state.index.size !== count) throw new Error(`index holds ${state.index.size} of ${count}`);
  return { rxMs, dexieMs, indexMs };
}

async function dropCatalogue(): Promise<void> {
  state.index?.close();
  await state.rx?.remove();
  if (state.dexie) {
    state.dexie.close();
    await Dexie.delete(state.dexie.name);
  }
}

const state: { rx?: Awaited<ReturnType<typeof createKassaDatabase>>; dexie?: Dexie; index?: CatalogueIndex } =
  {};

/** Lookups of random codes, as the till does one per scan. Returns ms per lookup and misses. */
async function lookup(
  which: 'index' | 'rxdb' | 'dexie',
  count: number,
  lookups: number,
): Promise<{ samples: number[]; misses: number }> {
  const samples: number[] = [];
  let misses = 0;
  for (let i = 0; i < lookups; i++) {
    const code = product(Math.floor(Math.random() * count)).code;
    const t0 = performance.now();
    const found =
      which === 'index'
        ? await state.index!.lookup(code)
        : which === 'rxdb'
          ? await state.rx!.products.findOne({ selector: { code } }).exec()
          : await state.dexie!.table('products').where('code').equals(code).first();
    samples.push(performance.now() - t0);
    if (!found) misses++;
  }
  return { samples, misses };
}

/**
 * What IndexedDB was actually asked for: the `durability` of a write transaction opened by the
 * Dexie instance under RxDB's journal collection (IDBTransaction.durability reports the mode).
 */
async function probeDurability(durability: Durability): Promise<string> {
  const db = await createKassaDatabase(`bench-probe-${durability}-${Date.now()}`, durability);
  const internals = (await db.journal.storageInstance.internals) as { dexieDb: Dexie };
  const mode = await internals.dexieDb.transaction('rw', 'docs', (tx) =>
    String((tx as unknown as { idbtrans: IDBTransaction }).idbtrans.durability),
  );
  await db.remove();
  return mode;
}

declare global {
  interface Window {
    kassaBench: typeof api;
  }
}
const api = {
  checkoutCommit,
  bareDexiePut,
  loadCatalogue,
  dropCatalogue,
  lookup,
  probeDurability,
  loyaltyPanel,
  loadMembers,
  lookupMembers,
  dropMembers,
  replicaLookup,
};
window.kassaBench = api;
document.getElementById('status')!.textContent = 'ready';
