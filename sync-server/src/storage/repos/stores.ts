import canonicalize from 'canonicalize';
import type { OfflinePolicy, SanityLimits } from '../../../../core/store/store-policy';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { StoreDoc } from '../../../../core/sync/read-models';
import type { StoresTable } from '../schema';
import type { Db, FeedChange } from '../storage';
import { reserveFeedSeqs } from './feed-counter';
import { executePrepared } from './prepared';

/** A store as the server keeps it: the till's settings plus its region (which scopes the members feed). */
export type StoreRecord = StoreSettings & { region: string | null };

/**
 * What an upsert is given: no `region` keeps the stored one; likewise no `offlinePolicy` or
 * `sanityLimits` keeps the stored one (a store import that predates the policy clears nothing).
 * `managers` are not part of it: they have their own table (store-managers.ts).
 */
export type StoreUpsert = StoreSettings & { region?: string | null };

/** A store's policy columns; null = the defaults of core/store/store-policy.ts. */
export interface StorePolicyColumns {
  offlinePolicy: OfflinePolicy | null;
  sanityLimits: SanityLimits | null;
}

/** Named, not `*`: the push's read of its store is a prepared statement on PostgreSQL. */
const STORE_COLUMNS = [
  'store_id',
  'name',
  'currency',
  'time_zone',
  'locale',
  'variable_measure',
  'region',
  'created_at',
  'server_seq',
  'offline_policy',
  'sanity_limits',
] as const satisfies readonly (keyof StoresTable)[];

const toStore = (r: StoresTable): StoreSettings => ({
  storeId: r.store_id,
  name: r.name,
  currency: r.currency,
  timeZone: r.time_zone,
  locale: r.locale,
  variableMeasure: JSON.parse(r.variable_measure) as StoreSettings['variableMeasure'],
  // Written only after validation (domain/store-policy.ts), so read back as is.
  ...(r.offline_policy === null ? {} : { offlinePolicy: JSON.parse(r.offline_policy) as OfflinePolicy }),
  ...(r.sanity_limits === null ? {} : { sanityLimits: JSON.parse(r.sanity_limits) as SanityLimits }),
});
const toRecord = (r: StoresTable): StoreRecord => ({ ...toStore(r), region: r.region });

/** Stores, which are also the `stores` read model (a till sees its own store's document). */
export class StoresRepo {
  /**
   * Inside a transaction, `get` answers a store read before from memory: a push reads its store for
   * admission, the checks, the rule drift and the ledger (a round trip each on PostgreSQL). Every
   * write of this repo — the only writer of `stores` — forgets it, and so does a rolled-back savepoint.
   */
  private readonly memo: Map<string, StoreSettings | undefined> | undefined;

  constructor(
    private readonly db: Db,
    private readonly touch: (c: FeedChange) => void,
  ) {
    this.memo = db.isTransaction ? new Map() : undefined;
  }

  /** Forgets what `get` remembered in this transaction. */
  forget(): void {
    this.memo?.clear();
  }

  /**
   * Creates or updates a store; a real change gets a new serverSeq and is announced to its tills
   * (with the region, so the feed's store → region map follows at once, on every instance).
   */
  async upsert(
    input: StoreUpsert,
    now: number,
  ): Promise<{ previous: StoreRecord | undefined; stored: StoreRecord }> {
    this.memo?.clear();
    const previous = await this.record(input.storeId);
    const { region, managers: _managers, offlinePolicy, sanityLimits, ...settings } = input;
    const policy = offlinePolicy ?? previous?.offlinePolicy;
    const limits = sanityLimits ?? previous?.sanityLimits;
    const s: StoreRecord = {
      ...settings,
      ...(policy ? { offlinePolicy: policy } : {}),
      ...(limits ? { sanityLimits: limits } : {}),
      region: region === undefined ? (previous?.region ?? null) : region,
    };
    if (previous && canonicalize(previous) === canonicalize(s)) return { previous, stored: previous };
    const serverSeq = await reserveFeedSeqs(this.db, 1);
    const row = {
      name: s.name,
      currency: s.currency,
      time_zone: s.timeZone,
      locale: s.locale,
      variable_measure: JSON.stringify(s.variableMeasure),
      region: s.region,
      offline_policy: s.offlinePolicy ? JSON.stringify(s.offlinePolicy) : null,
      sanity_limits: s.sanityLimits ? JSON.stringify(s.sanityLimits) : null,
      server_seq: serverSeq,
    };
    await this.db
      .insertInto('stores')
      .values({ store_id: s.storeId, created_at: now, ...row })
      .onConflict((oc) => oc.column('store_id').doUpdateSet(row))
      .execute();
    this.touch({ collection: 'stores', storeId: s.storeId, region: s.region });
    return { previous, stored: s };
  }

  /**
   * Sets (an object) or resets to the defaults (null) the store's policy columns; undefined keeps
   * one. A real change gets a new serverSeq and wakes the store's tills. False: no such store.
   */
  async setPolicy(storeId: string, change: Partial<StorePolicyColumns>): Promise<boolean> {
    this.memo?.clear();
    const r = await this.record(storeId);
    if (!r) return false;
    const next: StorePolicyColumns = {
      offlinePolicy: change.offlinePolicy === undefined ? (r.offlinePolicy ?? null) : change.offlinePolicy,
      sanityLimits: change.sanityLimits === undefined ? (r.sanityLimits ?? null) : change.sanityLimits,
    };
    const before = { offlinePolicy: r.offlinePolicy ?? null, sanityLimits: r.sanityLimits ?? null };
    if (canonicalize(before) === canonicalize(next)) return true;
    await this.db
      .updateTable('stores')
      .set({
        offline_policy: next.offlinePolicy && JSON.stringify(next.offlinePolicy),
        sanity_limits: next.sanityLimits && JSON.stringify(next.sanityLimits),
      })
      .where('store_id', '=', storeId)
      .execute();
    await this.republish(storeId, r.region);
    return true;
  }

  /**
   * The store's document changed outside its row (its managers): a new serverSeq, so its tills
   * pull it again, and the change is announced to them.
   */
  async republish(storeId: string, region: string | null): Promise<void> {
    this.memo?.clear();
    const serverSeq = await reserveFeedSeqs(this.db, 1);
    await this.db
      .updateTable('stores')
      .set({ server_seq: serverSeq })
      .where('store_id', '=', storeId)
      .execute();
    this.touch({ collection: 'stores', storeId, region });
  }

  /** The settings a till gets (no region: it is the server's scope, not the till's). */
  async get(storeId: string): Promise<StoreSettings | undefined> {
    if (this.memo?.has(storeId)) return this.memo.get(storeId);
    const [r] = await executePrepared(
      this.db,
      this.db.selectFrom('stores').select(STORE_COLUMNS).where('store_id', '=', storeId),
    );
    const store = r && toStore(r);
    this.memo?.set(storeId, store);
    return store;
  }

  /** Takes a store's row read elsewhere in this transaction (terminals' lockWithStore) as `get` would. */
  remember(storeId: string, row: StoresTable | undefined): StoreSettings | undefined {
    const store = row && toStore(row);
    this.memo?.set(storeId, store);
    return store;
  }

  /** The store as the server keeps it, region included. */
  async record(storeId: string): Promise<StoreRecord | undefined> {
    const r = await this.db
      .selectFrom('stores')
      .selectAll()
      .where('store_id', '=', storeId)
      .executeTakeFirst();
    return r && toRecord(r);
  }

  /** Every store, region included: the manager's view. */
  async list(): Promise<StoreRecord[]> {
    return (await this.db.selectFrom('stores').selectAll().orderBy('store_id').execute()).map(toRecord);
  }

  /** Every store's region (null: none), for the feed's store → region map. */
  async regions(): Promise<Map<string, string | null>> {
    const rows = await this.db.selectFrom('stores').select(['store_id', 'region']).execute();
    return new Map(rows.map((r) => [r.store_id, r.region]));
  }

  /** The feed: this store's document when it changed after the checkpoint. */
  async pull(storeId: string, after: number, limit: number): Promise<StoreDoc[]> {
    const rows = await this.db
      .selectFrom('stores')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('server_seq', '>', after)
      .orderBy('server_seq')
      .limit(limit)
      .execute();
    if (rows.length === 0) return [];
    // The managers ride on the store's document, so the tills check a PIN offline.
    const managers = await this.db
      .selectFrom('store_managers')
      .select(['manager_id', 'name', 'pin_hash'])
      .where('store_id', '=', storeId)
      .orderBy('manager_id')
      .execute();
    const docManagers = managers.map((m) => ({ managerId: m.manager_id, name: m.name, pinHash: m.pin_hash }));
    return rows.map((r) => ({
      ...toStore(r),
      // None: no field, so a store without managers reads as before (the till: no override possible).
      ...(docManagers.length > 0 ? { managers: docManagers } : {}),
      serverSeq: Number(r.server_seq),
      _deleted: false,
    }));
  }
}
