import canonicalize from 'canonicalize';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { StoreDoc } from '../../../../core/sync/read-models';
import type { StoresTable } from '../schema';
import type { Db, FeedChange } from '../storage';
import { reserveFeedSeqs } from './feed-counter';

/** A store as the server keeps it: the till's settings plus its region (which scopes the members feed). */
export type StoreRecord = StoreSettings & { region: string | null };

/** What an upsert is given: no `region` keeps the stored one. */
export type StoreUpsert = StoreSettings & { region?: string | null };

const toStore = (r: StoresTable): StoreSettings => ({
  storeId: r.store_id,
  name: r.name,
  currency: r.currency,
  timeZone: r.time_zone,
  locale: r.locale,
  variableMeasure: JSON.parse(r.variable_measure) as StoreSettings['variableMeasure'],
});
const toRecord = (r: StoresTable): StoreRecord => ({ ...toStore(r), region: r.region });

/** Stores, which are also the `stores` read model (a till sees its own store's document). */
export class StoresRepo {
  constructor(
    private readonly db: Db,
    private readonly touch: (c: FeedChange) => void,
  ) {}

  /**
   * Creates or updates a store; a real change gets a new serverSeq and is announced to its tills
   * (with the region, so the feed's store → region map follows at once, on every instance).
   */
  async upsert(
    input: StoreUpsert,
    now: number,
  ): Promise<{ previous: StoreRecord | undefined; stored: StoreRecord }> {
    const previous = await this.record(input.storeId);
    const { region, ...settings } = input;
    const s: StoreRecord = {
      ...settings,
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

  /** The settings a till gets (no region: it is the server's scope, not the till's). */
  async get(storeId: string): Promise<StoreSettings | undefined> {
    const r = await this.db
      .selectFrom('stores')
      .selectAll()
      .where('store_id', '=', storeId)
      .executeTakeFirst();
    return r && toStore(r);
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
    return rows.map((r) => ({ ...toStore(r), serverSeq: r.server_seq, _deleted: false }));
  }
}
