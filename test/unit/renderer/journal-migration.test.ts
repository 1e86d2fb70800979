import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase, type RxCollection, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { admitEvent, eventHash, GENESIS_HASH, type SaleEvent } from '../../../core/journal';
import { journalRxSchema } from '../../../core/schema/journal.rx';
import { cents } from '../../../core/money';
import type { StoreSettings } from '../../../core/store/store-settings';
import { createKassaDatabase, type KassaDatabase } from '../../../renderer/src/db/database';
import { createJournalWriter } from '../../../renderer/src/db/journal-writer';
import { addProduct, EMPTY_BASKET } from '../../../renderer/src/features/checkout/basket';
import { buildSaleEvent } from '../../../renderer/src/features/checkout/build-sale-event';

/** The journal collection as the landed tills created it (schema version 0), written out. */
const journalRxSchemaV0 = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 26 },
    type: { type: 'string', maxLength: 32 },
    terminalId: { type: 'string', maxLength: 64 },
    storeId: { type: 'string' },
    seq: { type: 'integer', minimum: 1, maximum: 1e12, multipleOf: 1 },
    prevHash: { type: 'string' },
    hash: { type: 'string' },
    createdAt: { type: 'integer' },
    businessDay: { type: 'string' },
    schemaVersion: { type: 'integer' },
    currency: { type: 'string' },
    lines: { type: 'array', items: { type: 'object' } },
    totalCents: { type: 'integer' },
    payments: { type: 'array', items: { type: 'object' } },
    memberId: { type: 'string' },
  },
  required: ['id', 'type', 'terminalId', 'storeId', 'seq', 'prevHash', 'hash', 'createdAt', 'businessDay'],
  indexes: ['seq'],
} as const;

/** A v1 sale as a landed till wrote it, sealed over exactly these fields. */
const unsignedV1 = {
  id: '01JDX2R4K8M3N5P7Q9S1T3V5W7',
  type: 'sale',
  terminalId: 'T1',
  storeId: 'store-demo-ams',
  seq: 1,
  prevHash: GENESIS_HASH,
  createdAt: 1795608000000,
  businessDay: '2026-11-25',
  schemaVersion: 1,
  currency: 'EUR',
  lines: [
    {
      lineId: 'l1',
      productId: 'p-milk',
      code: '8710000000017',
      name: 'Melk',
      quantity: 2,
      unitPriceCents: 129,
      amountCents: 258,
    },
  ],
  totalCents: 258,
  payments: [{ method: 'cash', amountCents: 258, tenderedCents: 500, changeCents: 242 }],
};
const v1Sale = { ...unsignedV1, hash: eventHash(unsignedV1) };

/** The journal collection as the v2-sale tills created it (schema version 1), written out. */
const journalRxSchemaV1 = {
  ...journalRxSchemaV0,
  version: 1,
  properties: {
    ...journalRxSchemaV0.properties,
    type: { type: 'string', maxLength: 40 },
    subtotalCents: { type: 'integer' },
    discountCents: { type: 'integer' },
    memberId: { type: ['string', 'null'] },
  },
} as const;

/** A v2 sale of a member, as a till of that build wrote it (loyalty had not reached the till). */
const unsignedV2 = {
  ...unsignedV1,
  schemaVersion: 2,
  lines: unsignedV1.lines.map((line) => ({ ...line, discountCents: 0 })),
  subtotalCents: 258,
  discountCents: 0,
  memberId: 'm-42',
};
const v2Sale = { ...unsignedV2, hash: eventHash(unsignedV2) };

const store: StoreSettings = {
  storeId: 'store-demo-ams',
  name: 'Demo',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};

// IndexedDB in Node: the till's real storage (Dexie), so the migration runs as it does in Chromium.
const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange }) as RxStorage<unknown, unknown>;

/** A till database as the landed build left it: the version-0 journal holding one v1 sale. */
async function writeLandedJournal(name: string): Promise<void> {
  const old = await createRxDatabase<{ journal: RxCollection<typeof v1Sale> }>({
    name,
    storage: storage(),
    multiInstance: false,
  });
  await old.addCollections({ journal: { schema: journalRxSchemaV0 } });
  await old.journal.insert(v1Sale);
  await old.close();
}

/** A till database as the v2-sale build left it: the version-1 journal holding one v2 sale. */
async function writeV2Journal(name: string): Promise<void> {
  const old = await createRxDatabase<{ journal: RxCollection<typeof v2Sale> }>({
    name,
    storage: storage(),
    multiInstance: false,
  });
  await old.addCollections({ journal: { schema: journalRxSchemaV1 } });
  await old.journal.insert(v2Sale);
  await old.close();
}

const admission = {
  terminalId: 'T1',
  storeId: store.storeId,
  storeCurrency: 'EUR',
  terminalMaxSeq: 0,
};

let db: KassaDatabase | undefined;
let dbCount = 0;
afterEach(async () => {
  await db?.remove();
  db = undefined;
});

describe('journal collection schema 0 → 2 on an upgraded till', () => {
  it('opens a version-0 journal holding a v1 sale, and keeps the event byte-identical', async () => {
    expect(journalRxSchema.version).toBe(2);
    const name = `kassa-migration-${++dbCount}`;

    await writeLandedJournal(name);

    db = await createKassaDatabase(name, 'strict', storage());
    const docs = await db.journal.find().exec();
    expect(docs).toHaveLength(1);
    const stored = docs[0]!.toJSON() as Record<string, unknown>;
    expect(JSON.stringify(stored)).toBe(JSON.stringify(v1Sale));
    expect(eventHash(stored)).toBe(v1Sale.hash);
    // Still a v1 sale on the till; the server upcasts it.
    const admitted = admitEvent(stored, admission);
    expect(admitted).toMatchObject({
      kind: 'understood',
      envelope: { schemaVersion: 1 },
      event: {
        schemaVersion: 5,
        subtotalCents: 258,
        memberId: null,
        loyalty: null,
        flags: [],
        donations: [],
      },
    });
  });

  it('opens a version-1 journal holding a v2 sale (1 → 2), and keeps the event byte-identical', async () => {
    const name = `kassa-migration-${++dbCount}`;
    await writeV2Journal(name);

    db = await createKassaDatabase(name, 'strict', storage());
    const docs = await db.journal.find().exec();
    expect(docs).toHaveLength(1);
    const stored = docs[0]!.toJSON() as Record<string, unknown>;
    expect(JSON.stringify(stored)).toBe(JSON.stringify(v2Sale));
    expect(stored).not.toHaveProperty('loyalty');
    expect(eventHash(stored)).toBe(v2Sale.hash);
    // Still a v2 sale on the till; the server upcasts it.
    expect(admitEvent(stored, admission)).toMatchObject({
      kind: 'understood',
      envelope: { schemaVersion: 2 },
      event: {
        schemaVersion: 5,
        memberId: 'm-42',
        loyalty: { memberId: 'm-42', provisionalCard: null, programs: [], ledger: [] },
      },
    });
  });

  it('the next sale is a v5 sale that continues the chain from the migrated v1 sale', async () => {
    const name = `kassa-migration-${++dbCount}`;
    await writeLandedJournal(name);

    db = await createKassaDatabase(name, 'strict', storage());
    const writer = createJournalWriter({ db, resumePoint: async () => undefined });
    const milk = {
      id: 'p-milk',
      code: '8710000000017',
      name: 'Melk',
      priceCents: 129,
      unit: 'each' as const,
    };
    const added = addProduct(
      EMPTY_BASKET,
      milk,
      { kind: 'gtin', symbology: 'ean13', gtin: milk.code, lookupCode: milk.code },
      'l1',
    );
    if (!added.ok) throw new Error(added.message);
    const next: SaleEvent = await writer.append((head) =>
      buildSaleEvent(
        added.value,
        { method: 'card', amountCents: cents(129) },
        {
          id: '01JDX2R4K8M3N5P7Q9S1T3V5W8',
          terminalId: 'T1',
          store,
          seq: head.seq + 1,
          prevHash: head.hash,
          nowMs: 1795608060000,
        },
      ),
    );
    expect([next.seq, next.prevHash, next.schemaVersion, next.loyalty]).toEqual([2, v1Sale.hash, 5, null]);
    expect(await db.journal.count().exec()).toBe(2);
  });
});
