import type { Kysely } from 'kysely';

/**
 * Stores get a region (nullable: a store without one shares its members with no other store).
 * A till replicates the members whose home store is in its store's region: the member pull reads
 * the region's stores through `stores_region`, then their members through `members_home`
 * (home_store_id, server_seq) from migration 0003.
 */
export function storeRegionsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('stores').addColumn('region', 'text').execute();
      await db.schema.createIndex('stores_region').on('stores').columns(['region', 'store_id']).execute();
    },
  };
}
