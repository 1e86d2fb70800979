import type { FeedChange, Storage } from '../storage/storage';

/** A store's region as the feed knows it: null = none, undefined = not known (yet). */
export type RegionOf = (storeId: string) => string | null | undefined;

/**
 * The feed's store → region map, so a stream decides whether a member change may concern its till
 * without a query. Loaded once, then kept by the `stores` changes themselves (they carry the
 * region; on PostgreSQL they reach every instance by NOTIFY). It is registered before any stream
 * subscribes, so a stream hears a region change after the map has it. The map only decides whom
 * to wake: a stale entry wakes a till for nothing or late, and the pull's scope is what answers.
 */
export class StoreRegions {
  private readonly regions = new Map<string, string | null>();
  private readonly unsubscribe: () => void;
  /** Settles when the first load is in; before, a store not heard of yet wakes every till. */
  readonly ready: Promise<void>;

  constructor(storage: Storage) {
    const heard = new Set<string>();
    this.unsubscribe = storage.onFeedChanged((c: FeedChange) => {
      if (c.collection !== 'stores' || c.region === undefined) return;
      heard.add(c.storeId);
      this.regions.set(c.storeId, c.region);
    });
    this.ready = storage.stores.regions().then(
      (loaded) => {
        // A change heard while loading is newer than what the load read.
        for (const [storeId, region] of loaded) if (!heard.has(storeId)) this.regions.set(storeId, region);
      },
      () => {
        // The database was away: every store stays unknown, so every member change wakes every till.
      },
    );
  }

  readonly regionOf: RegionOf = (storeId) => this.regions.get(storeId);

  close(): void {
    this.unsubscribe();
  }
}
