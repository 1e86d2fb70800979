import { Dexie } from 'dexie';
import { cents } from '../../../core/money';
import { withCheckDigit } from '../../../core/scan/gtin';
import type { StoreSettings } from '../../../core/store/store-settings';
import { createIdFactory } from '../../../core/ids';
import { createKassaDatabase, type Durability, type ProductDoc } from '../db/database';
import { createJournalWriter } from '../db/journal-writer';
import { addProduct, EMPTY_BASKET, type Basket } from '../features/checkout/basket';
import { buildSaleEvent } from '../features/checkout/build-sale-event';

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

async function loadCatalogue(count: number): Promise<{ rxMs: number; dexieMs: number }> {
  const docs = Array.from({ length: count }, (_, i) => product(i));
  const t0 = performance.now();
  const db = await createKassaDatabase('bench-lookup');
  await db.products.remove().catch(() => undefined);
  await db.remove();
  const fresh = await createKassaDatabase('bench-lookup');
  for (let i = 0; i < docs.length; i += 5_000) await fresh.products.bulkInsert(docs.slice(i, i + 5_000));
  const rxMs = performance.now() - t0;
  const t1 = performance.now();
  await Dexie.delete('bench-lookup-bare');
  const dexie = new Dexie('bench-lookup-bare');
  dexie.version(1).stores({ products: 'id, code' });
  await dexie.open();
  for (let i = 0; i < docs.length; i += 5_000)
    await dexie.table('products').bulkPut(docs.slice(i, i + 5_000));
  const dexieMs = performance.now() - t1;
  state.rx = fresh;
  state.dexie = dexie;
  return { rxMs, dexieMs };
}

const state: { rx?: Awaited<ReturnType<typeof createKassaDatabase>>; dexie?: Dexie } = {};

/** Lookups of random codes, as the till does one per scan. Returns ms per lookup and misses. */
async function lookup(
  which: 'rxdb' | 'dexie',
  count: number,
  lookups: number,
): Promise<{ samples: number[]; misses: number }> {
  const samples: number[] = [];
  let misses = 0;
  for (let i = 0; i < lookups; i++) {
    const code = product(Math.floor(Math.random() * count)).code;
    const t0 = performance.now();
    const found =
      which === 'rxdb'
        ? await state.rx!.products.findOne({ selector: { code } }).exec()
        : await state.dexie!.table('products').where('code').equals(code).first();
    samples.push(performance.now() - t0);
    if (!found) misses++;
  }
  return { samples, misses };
}

declare global {
  interface Window {
    kassaBench: typeof api;
  }
}
const api = { checkoutCommit, bareDexiePut, loadCatalogue, lookup };
window.kassaBench = api;
document.getElementById('status')!.textContent = 'ready';
