import canonicalize from 'canonicalize';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { StoreDoc } from '../../../../core/sync/read-models';
import type { StoresTable } from '../schema';
import type { Db, FeedChange } from '../storage';
import { reserveFeedSeqs } from './feed-counter';

const toStore = (r: StoresTable): StoreSettings => ({
  storeId: r.store_id,
  name: r.name,
  currency: r.currency,
  timeZone: r.time_zone,
  locale: r.locale,
  variableMeasure: JSON.parse(r.variable_measure) as StoreSettings['variableMeasure'],
});

/** Stores, which are also the `stores` read model (a till sees its own store's document). */
export class StoresRepo {
  constructor(
    private readonly db: Db,
    private readonly touch: (c: FeedChange) => void,
  ) {}

  /** Creates or updates a store; a real change gets a new serverSeq and is announced to its tills. */
  async upsert(s: StoreSettings, now: number): Promise<void> {
    const existing = await this.get(s.storeId);
    if (existing && canonicalize(existing) === canonicalize(s)) return;
    const serverSeq = await reserveFeedSeqs(this.db, 1);
    const row = {
      name: s.name,
      currency: s.currency,
      time_zone: s.timeZone,
      locale: s.locale,
      variable_measure: JSON.stringify(s.variableMeasure),
      server_seq: serverSeq,
    };
    await this.db
      .insertInto('stores')
      .values({ store_id: s.storeId, created_at: now, ...row })
      .onConflict((oc) => oc.column('store_id').doUpdateSet(row))
      .execute();
    this.touch({ collection: 'stores', storeId: s.storeId });
  }

  async get(storeId: string): Promise<StoreSettings | undefined> {
    const r = await this.db
      .selectFrom('stores')
      .selectAll()
      .where('store_id', '=', storeId)
      .executeTakeFirst();
    return r && toStore(r);
  }

  async list(): Promise<StoreSettings[]> {
    return (await this.db.selectFrom('stores').selectAll().orderBy('store_id').execute()).map(toStore);
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
