import {
  membersMigrationStrategies,
  membersRxSchema,
  type MemberReplicaDoc,
} from '../../../core/schema/members.rx';
import { programsRxSchema, type ProgramReplicaDoc } from '../../../core/schema/programs.rx';
import { rewardsRxSchema, type RewardReplicaDoc } from '../../../core/schema/rewards.rx';
import {
  addRxPlugin,
  createRxDatabase,
  getSingleDocument,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { productsRxSchema } from '../../../core/schema/products.rx';
import { journalMigrationStrategies, journalRxSchema } from '../../../core/schema/journal.rx';
import {
  storesMigrationStrategies,
  storesRxSchema,
  type StoreReplicaDoc,
} from '../../../core/schema/stores.rx';
import { refusalsRxSchema, type RefusalDoc } from '../../../core/schema/refusals.rx';
import type { Product } from '../../../core/catalog/product';
import type { JournalEvent } from '../../../core/journal';
import { journalConflictHandler } from '../sync/journal-conflict-handler';
import { becomeTheTill } from './till-leadership';

// A till upgraded in place opens a journal written under an older collection schema: RxDB
// migrates it on open (addCollections waits), carrying the replication checkpoints along.
addRxPlugin(RxDBMigrationSchemaPlugin);
// One window per terminal runs the till: the others wait for leadership (till-leadership.ts).
addRxPlugin(RxDBLeaderElectionPlugin);

export type ProductDoc = Omit<Product, '_deleted'>;
export type JournalDoc = JournalEvent;

export type KassaCollections = {
  products: RxCollection<ProductDoc>;
  journal: RxCollection<JournalDoc>;
  stores: RxCollection<StoreReplicaDoc>;
  refusals: RxCollection<RefusalDoc>;
  members: RxCollection<MemberReplicaDoc>;
  programs: RxCollection<ProgramReplicaDoc>;
  rewards: RxCollection<RewardReplicaDoc>;
};
export type KassaDatabase = RxDatabase<KassaCollections>;

export type Durability = 'strict' | 'relaxed';

/**
 * The terminal's local database: RxDB on Dexie (IndexedDB).
 *
 * Durability: Chromium commits IndexedDB transactions with *relaxed* durability by default — the
 * `complete` event fires once the data is in the OS page cache, before it is flushed, so a power
 * cut right after "sale complete" could lose the sale. IndexedDB lets a transaction ask for
 * `durability: 'strict'` (flush before `complete`); Dexie exposes it as the database option
 * `chromeTransactionDurability` (dexie.d.ts, DexieOptions), applied to every transaction it opens,
 * and RxDB's Dexie storage passes its settings straight to `new Dexie(name, settings)`
 * (rxdb/plugins/storage-dexie dexie-helper getDexieDbWithTables). RxDB's bulkWrite awaits that
 * Dexie transaction, so `journal.insert()` resolves only after the sale is on disk: the till may
 * say "complete" when the insert resolves. The catalogue shares the setting; its batched pulls
 * pay one flush per batch, which is cheap next to the network. test/bench/checkout-commit.bench.ts
 * measures the cost against relaxed durability.
 *
 * RxDB's dev-mode plugin is deliberately never loaded, in any build: it adds a tracking iframe
 * from the internet and wants an ajv validator that compiles code at runtime, both of which the
 * CSP (no frames, script-src 'self') forbids. Events are validated with core's zod schema instead.
 *
 * One window at a time: on Dexie the database is multiInstance and resolves only in the window
 * that is RxDB's leader for it. A second window of the same till (a second tab of the browser
 * fallback) shares its IndexedDB, and would otherwise sync beside it and take seqs from a stale
 * view; it waits, told through `whileOpenElsewhere`, before it touches a collection.
 */
export async function createKassaDatabase(
  name: string,
  durability: Durability = 'strict',
  /** Tests in Node pass RxDB's memory storage (one instance); the till always runs on Dexie. */
  storage?: RxStorage<unknown, unknown>,
  whileOpenElsewhere: () => void = () => undefined,
): Promise<KassaDatabase> {
  const db = await createRxDatabase<KassaCollections>({
    name,
    storage: storage ?? getRxStorageDexie({ chromeTransactionDurability: durability }),
    multiInstance: storage === undefined,
    eventReduce: true,
  });
  try {
    await becomeTheTill(db, whileOpenElsewhere);
    await addKassaCollections(db);
  } catch (e) {
    // Closed, so that the till can open it again without a reload (RxDB refuses a second open).
    await db.close().catch(() => undefined);
    throw e;
  }
  return db;
}

async function addKassaCollections(db: KassaDatabase): Promise<void> {
  await db.addCollections({
    products: { schema: productsRxSchema as unknown as RxJsonSchema<ProductDoc> },
    journal: {
      schema: journalRxSchema as unknown as RxJsonSchema<JournalDoc>,
      conflictHandler: journalConflictHandler,
      migrationStrategies: journalMigrationStrategies,
      autoMigrate: false,
    },
    stores: {
      schema: storesRxSchema as unknown as RxJsonSchema<StoreReplicaDoc>,
      migrationStrategies: storesMigrationStrategies,
      autoMigrate: false,
    },
    refusals: { schema: refusalsRxSchema as unknown as RxJsonSchema<RefusalDoc> },
    members: {
      schema: membersRxSchema as unknown as RxJsonSchema<MemberReplicaDoc>,
      migrationStrategies: membersMigrationStrategies,
      autoMigrate: false,
    },
    programs: { schema: programsRxSchema as unknown as RxJsonSchema<ProgramReplicaDoc> },
    rewards: { schema: rewardsRxSchema as unknown as RxJsonSchema<RewardReplicaDoc> },
  });
  // Every collection with migration strategies sets autoMigrate: false; its migration runs here.
  for (const collection of Object.values(db.collections)) await migrate(collection);
}

/**
 * Runs a collection's pending schema migration and judges it by THIS run. RxDB's own wait
 * (autoMigrate) answers from the stored status, so after one failed migration every later start
 * failed at once with the old error, even with fixed code. Until a run succeeds, the documents
 * stay in the old collection.
 */
async function migrate(collection: RxCollection): Promise<void> {
  if (!(await collection.migrationNeeded())) return;
  const state = collection.getMigrationState();
  await state.startMigration();
  // Read now: the state's own status$ starts from what was stored when it was made.
  const outcome = (await getSingleDocument(collection.database.internalStore, state.statusDocId))?.data as
    | { status: string; error?: { message?: string } }
    | undefined;
  if (outcome?.status !== 'DONE') {
    const cause = outcome?.error?.message ?? 'unknown error';
    throw new Error(`The till's ${collection.name} could not be migrated to its new schema: ${cause}`);
  }
}

/** One database per paired terminal, so re-pairing a till to another store never mixes journals. */
export function databaseNameFor(terminalId: string): string {
  return `kassa-${terminalId.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
}
