import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { ulid } from 'ulid';
import { GENESIS_HASH, type SaleEvent, type Tender } from '../../core/journal';
import type { ProductCode } from '../../core/scan/product-code';
import {
  pullResponseSchema,
  syncPaths,
  terminalInfoSchema,
  type PairResponse,
} from '../../core/sync/protocol';
import {
  databaseNameFor,
  type JournalDoc,
  type KassaDatabase,
  type ProductDoc,
} from '../../renderer/src/db/database';
import {
  createJournalWriter,
  type ChainHead,
  type JournalWriter,
} from '../../renderer/src/db/journal-writer';
import { addProduct, EMPTY_BASKET, type Basket } from '../../renderer/src/features/checkout/basket';
import { buildSaleEvent } from '../../renderer/src/features/checkout/build-sale-event';
import { startReplication, type ReplicationHandle } from '../../renderer/src/sync/replication';
import { syncCall } from '../../renderer/src/sync/sync-api';
import {
  createSyncStatusStore,
  replicaAgeAt,
  type SyncStatusStore,
} from '../../renderer/src/sync/sync-status';
import type { Prng } from './prng';
import { SIM_COUPONS, SimLoyalty, type LoyaltyBug } from './sim-loyalty';
import type { LoyaltyCounts } from './report';
import { SIM_SERVER_URL } from './sim-server';
import type { VirtualTime } from './virtual-time';
import { SELLING_COLLECTIONS } from '../support/selling-collections';

const storage = getRxStorageMemory();

/**
 * The demo catalogue as the server's first pull page gives it, pulled once per process: every run
 * starts from the same seeded store, so every till of every run would pull the same page.
 */
let syncedCatalogue: Promise<ProductDoc[]> | undefined;

/**
 * The till's database with the collections a sales till replicates — journal, refusals, products
 * — declared exactly as renderer/src/db/database.ts declares them (same schemas, migration
 * strategies and conflict handler). Not the whole Kassa database: RxDB's open-source build keeps at
 * most 13 collections open in one process and the full database has 7, so two full tills could
 * not be open at once. RxDB's memory storage keeps a closed database's data in the process, so a
 * till reopened under the same name finds its journal and its replication checkpoints.
 */
async function openTillDatabase(name: string): Promise<KassaDatabase> {
  const db = await createRxDatabase({
    name,
    storage,
    multiInstance: false,
    eventReduce: true,
    // RxDB's default hashes with WebCrypto, which answers on a thread-pool in real time: a run would
    // advance virtual time by however long that took. The same SHA-256, computed at once.
    // (A Blob comes only with attachments, which the till has none of.)
    hashFunction: async (input) =>
      bytesToHex(
        sha256(
          typeof input === 'string'
            ? utf8ToBytes(input)
            : new Uint8Array(input instanceof Blob ? await input.arrayBuffer() : input),
        ),
      ),
  });
  await db.addCollections(SELLING_COLLECTIONS);
  return db as unknown as KassaDatabase;
}

/** A sale the cashier saw completed ("Sale complete" is shown once the insert resolved). */
export interface CompletedSale {
  id: string;
  seq: number;
  totalCents: number;
  /** The member the sale is for, and the points it earned and spent (its 'points' rows). */
  memberId: string | null;
  points: number;
  /** Points the sale paid with. */
  spent: number;
  /** Coupons the sale used. */
  coupons: number;
}

/** A planted bug in the till, to prove the simulation catches it (never on in a normal run). */
export type TillBug = 'none' | 'resume-from-ack' | 'swallow-push-errors' | Exclude<LoyaltyBug, 'none'>;
/** Every planted bug: the till's, and the server's `answer-before-commit` (SimServer). */
export type PlantedBug = TillBug | 'answer-before-commit';

export interface TillOptions {
  index: number;
  run: string;
  paired: PairResponse;
  vt: VirtualTime;
  /** This till's network link to the server. */
  transport: typeof fetch;
  /** Straight to the server, no faults: the catalogue the till had before the simulated period. */
  direct: typeof fetch;
  pushBatchSize: number;
  bug: TillBug;
  /** The members the shoppers are (SIM_MEMBER_COUNT demo members). */
  memberIds: readonly string[];
}

/**
 * One till: the renderer's journal writer, sale builder and replication client
 * (renderer/src/sync/replication.ts) on RxDB's memory storage, pushing its journal live to the
 * server through the simulated network.
 */
export class SimTill {
  db: KassaDatabase | undefined;
  status: SyncStatusStore | undefined;
  private replication: ReplicationHandle | undefined;
  private writer: JournalWriter | undefined;
  private products: ProductDoc[] = [];
  readonly completed: CompletedSale[] = [];
  restarts = 0;
  /** The till's localStorage: the acknowledged seq. */
  private savedAck = 0;
  private readonly name: string;
  /** The member and program replica (kept in memory, like the till's localStorage, across reloads). */
  readonly loyalty: SimLoyalty;

  constructor(private readonly o: TillOptions) {
    this.name = `${databaseNameFor(o.paired.terminalId)}-${o.run}`;
    this.loyalty = new SimLoyalty(
      { serverUrl: SIM_SERVER_URL, token: o.paired.token },
      o.bug === 'count-synced-twice' || o.bug === 'forget-used-coupons' ? o.bug : 'none',
    );
  }

  /**
   * How far this till's clock is off (ms; ±24 h at most), for what the till's own code reads: the
   * sale's createdAt, business day and id, and the replication's `now`. RxDB's internal write
   * times read the process clock (Date.now), which is shared and never skewed.
   */
  clockSkewMs = 0;

  private now(): number {
    return this.o.vt.calendarNow() + this.clockSkewMs;
  }

  get terminalId(): string {
    return this.o.paired.terminalId;
  }

  async open(): Promise<void> {
    const { paired } = this.o;
    const endpoint = { serverUrl: SIM_SERVER_URL, token: paired.token };
    const db = await openTillDatabase(this.name);
    if (this.restarts === 0) {
      await this.loadCatalogue(db, endpoint);
      await this.loyalty.pull(this.o.direct, this.now());
    }
    const transport =
      this.o.bug === 'swallow-push-errors' ? swallowPushErrors(this.o.transport) : this.o.transport;
    // The acknowledged seq survives a reload, as terminal-session.ts keeps it in localStorage.
    const status = createSyncStatusStore({
      loadAck: () => this.savedAck,
      saveAck: (seq) => (this.savedAck = seq),
    });
    const writer = createJournalWriter({
      db,
      resumePoint: async () => {
        const info = await syncCall(endpoint, syncPaths.terminal, terminalInfoSchema, {}, transport);
        return info.lastSeq === 0 ? undefined : { seq: info.lastSeq, hash: info.lastHash ?? GENESIS_HASH };
      },
    });
    this.replication = startReplication({
      db,
      endpoint,
      terminalId: paired.terminalId,
      status,
      now: () => this.now(),
      fetch: transport,
      readModels: [],
      pushBatchSize: this.o.pushBatchSize,
    });
    this.db = db;
    this.status = status;
    this.writer =
      this.o.bug === 'resume-from-ack' && this.restarts > 0 ? resumeFromAck(writer, this.ackAtClose) : writer;
    this.products = [];
  }

  /**
   * The catalogue this till synced before the simulated period, from the server's own pull answer.
   * Not pulled through the simulated network: a non-live pull (there is no live stream through the
   * simulated network yet) keeps RxDB's cancel() waiting until it has pulled, so a till could not
   * reload during a partition.
   */
  private async loadCatalogue(
    db: KassaDatabase,
    endpoint: { serverUrl: string; token: string },
  ): Promise<void> {
    syncedCatalogue ??= syncCall(
      endpoint,
      `${syncPaths.pull('products')}?serverSeq=0&limit=1000`,
      pullResponseSchema('products'),
      {},
      this.o.direct,
    ).then((page) => page.documents.filter((d) => !d._deleted).map(({ _deleted, ...d }) => d as ProductDoc));
    const products = await syncedCatalogue.catch((e: unknown) => {
      syncedCatalogue = undefined;
      throw e;
    });
    await db.products.bulkInsert(products.map((p) => ({ ...p })));
  }

  private ackAtClose: ChainHead = { seq: 0, hash: GENESIS_HASH };

  async close(): Promise<void> {
    if (this.status) this.ackAtClose = await this.headAt(this.status.get().ackSeq);
    await this.replication?.stop();
    await this.db?.close();
    this.replication = undefined;
    this.db = undefined;
  }

  private async headAt(seq: number): Promise<ChainHead> {
    const e = seq > 0 ? await this.db?.journal.findOne({ selector: { seq } }).exec() : null;
    return e ? { seq: e.seq, hash: e.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /** A reload of the till window: the replication stops, the database closes, both open again. */
  async restart(): Promise<void> {
    this.restarts++;
    await this.close();
    await this.open();
  }

  /** The catalogue as far as this till has pulled it (a till that never reached the server has none). */
  private async catalogue(): Promise<ProductDoc[]> {
    if (this.products.length === 0 && this.db) {
      this.products = (await this.db.products.find({ sort: [{ id: 'asc' }] }).exec()).map(
        (d) => d.toJSON() as ProductDoc,
      );
    }
    return this.products;
  }

  /**
   * A shopper at this till: 1–6 scans of the catalogue (weighed items with a scale label), paid by
   * cash (exact or a note, with change) or card, or split. Undefined when the till has no catalogue yet.
   */
  async sell(shopper: Prng, coupons?: Prng): Promise<SaleEvent | undefined> {
    const products = await this.catalogue();
    if (products.length === 0 || !this.writer) return undefined;
    let basket: Basket = EMPTY_BASKET;
    const scans = shopper.int(1, 6);
    for (let i = 0; i < scans; i++) {
      const p = shopper.pick(products);
      const code: ProductCode =
        p.unit === 'kg'
          ? {
              kind: 'variable-measure',
              symbology: 'ean13',
              prefix: p.code.slice(0, 2),
              itemRef: p.code.slice(2),
              measure: 'weight',
              value: shopper.int(50, 2_500),
              lookupCode: p.code,
            }
          : { kind: 'gtin', symbology: 'ean13', gtin: p.code, lookupCode: p.code };
      const added = addProduct(basket, p, code, `l${i + 1}`);
      if (added.ok) basket = added.value;
    }
    if (basket.lines.length === 0) return undefined;
    // A member's card first: the till's replica follows the server while its feed is live.
    const member = this.loyalty.pickMember(shopper, this.o.memberIds);
    if (member) await this.loyalty.pull(this.o.transport, this.now());
    const fresh = member ? this.loyalty.members.get(member.memberId) : undefined;
    const nowMs = this.now();
    // The sale id from the seed (a ULID of the moment), so a replay writes the same events and hashes.
    const id = ulid(nowMs, () => shopper.fraction());
    const { paired } = this.o;
    // One shopper in three hands over one of the chain's printed coupons (its own stream).
    const coupon = coupons && coupons.int(0, 2) === 0 ? coupons.pick(SIM_COUPONS) : undefined;
    const { outcome, spend, override } = await this.loyalty.checkout({
      ...(coupon ? { coupon } : {}),
      shopper,
      basket,
      saleId: id,
      nowMs,
      store: paired.store,
      terminalId: paired.terminalId,
      member: fresh,
      products,
      journal: await this.journal(),
      writer: this.writer,
      newId: () => ulid(nowMs, () => shopper.fraction()),
    });
    if (override) this.overrides++;
    const rest = (outcome.toPayCents ?? outcome.totalCents) - spend.reduce((n, t) => n + t.amountCents, 0);
    const payments = [...spend, ...(rest > 0 ? tenders(rest, shopper) : [])];
    const event = await this.writer.append((head) =>
      buildSaleEvent(basket, payments, {
        id,
        terminalId: paired.terminalId,
        store: paired.store,
        seq: head.seq + 1,
        prevHash: head.hash,
        nowMs,
        loyalty: outcome.loyalty,
        lineDiscounts: outcome.lineDiscounts,
        donations: outcome.donations,
        ...(outcome.spend ? { spend: outcome.spend } : {}),
        // As useCheckout: a member's sale says how old the replica was.
        ...(outcome.loyalty?.memberId
          ? { replicaAgeMs: replicaAgeAt(this.status?.get().lastSyncAt ?? null, nowMs) }
          : {}),
      }),
    );
    this.completed.push({
      id: event.id,
      seq: event.seq,
      totalCents: event.totalCents,
      memberId: event.loyalty?.memberId ?? null,
      points: (event.loyalty?.ledger ?? []).reduce((n, r) => (r.account === 'points' ? n + r.amount : n), 0),
      coupons: event.coupons?.length ?? 0,
      spent: event.payments.reduce(
        (n, p) => (p.method === 'points' ? n + (p as { points: number }).points : n),
        0,
      ),
    });
    return event;
  }

  /**
   * RxDB's push checkpoint of the journal as the replication last wrote or read it (its `lwt`, the
   * local write time it has pushed up to). Read from RxDB's internal state: RxDB has no public
   * accessor for it.
   */
  pushCheckpoint(): number | undefined {
    const internal = (
      this.replication?.journal as unknown as {
        internalReplicationState?: { lastCheckpointDoc: { up?: { checkpointData?: { lwt?: number } } } };
      }
    )?.internalReplicationState;
    return internal?.lastCheckpointDoc.up?.checkpointData?.lwt;
  }

  /** What this till's shoppers did with loyalty (their sales as completed). */
  loyaltyCounts(): LoyaltyCounts {
    const spends = this.completed.map((c) => c.spent).filter((p) => p > 0);
    return {
      memberSales: this.completed.filter((c) => c.memberId !== null).length,
      pointsSales: spends.length,
      pointsSpent: spends.reduce((n, p) => n + p, 0),
      overrides: this.overrides,
      couponSales: this.completed.filter((c) => c.coupons > 0).length,
      couponsRefused: this.loyalty.couponsRefused,
      exceptions: {},
    };
  }

  /** Manager overrides written (points over the offline cap). */
  overrides = 0;

  /** The till pulls its member and program replica again (through its network link). */
  refreshLoyalty(): Promise<boolean> {
    return this.loyalty.pull(this.o.transport, this.now());
  }

  /** Every event in this till's journal, by seq. */
  async journal(): Promise<JournalDoc[]> {
    if (!this.db) return [];
    return (await this.db.journal.find({ sort: [{ seq: 'asc' }] }).exec()).map(
      (d) => d.toJSON() as JournalDoc,
    );
  }

  async dispose(): Promise<void> {
    await this.replication?.stop();
    if (this.db) await this.db.remove();
    else {
      const db = await openTillDatabase(this.name);
      await db.remove();
    }
    this.db = undefined;
  }
}

function tenders(total: number, shopper: Prng): Tender[] {
  const how = shopper.int(0, 9);
  if (how < 4) return [{ method: 'card', amountCents: total } as Tender];
  if (how < 9) {
    const note =
      [total, 500, 1_000, 2_000, 5_000, 10_000, 20_000].find((n) => n >= total) ??
      Math.ceil(total / 5_000) * 5_000;
    return [{ method: 'cash', amountCents: total, tenderedCents: note, changeCents: note - total } as Tender];
  }
  const cash = shopper.int(0, total);
  return [
    { method: 'cash', amountCents: cash, tenderedCents: cash, changeCents: 0 } as Tender,
    { method: 'card', amountCents: total - cash } as Tender,
  ];
}

/**
 * PLANTED BUG: after a reload the till continues its chain from the last seq the server
 * acknowledged instead of its own last event — it reuses the seqs of sales not yet synced.
 */
function resumeFromAck(writer: JournalWriter, ack: ChainHead): JournalWriter {
  let first = true;
  return {
    head: writer.head,
    append(build) {
      if (!first) return writer.append(build);
      first = false;
      return writer.append(() => build(ack));
    },
  };
}

/**
 * PLANTED BUG: a "helpful" transport (a service worker, a proxy) that answers a push it could not
 * deliver with an empty success, so the till believes it was stored.
 */
function swallowPushErrors(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    try {
      return await inner(input, init);
    } catch (e) {
      if (!String(input).endsWith('/journal/push')) throw e;
      return new Response('[]', { status: 200, headers: { 'content-type': 'application/json' } });
    }
  };
}
