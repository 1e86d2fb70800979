import type { Db } from '../storage';

/** A manager as the server keeps them: the PIN only as its salted scrypt hash. */
export interface StoreManagerRow {
  storeId: string;
  managerId: string;
  name: string;
  pinHash: string;
  createdAt: number;
}

/**
 * Managers per store (migration 0012). Plain rows: the caller republishes the store's document
 * (StoresRepo.republish) in the same transaction, so the tills replicate the change.
 */
export class StoreManagersRepo {
  constructor(private readonly db: Db) {}

  async add(m: StoreManagerRow): Promise<void> {
    await this.db
      .insertInto('store_managers')
      .values({
        store_id: m.storeId,
        manager_id: m.managerId,
        name: m.name,
        pin_hash: m.pinHash,
        created_at: m.createdAt,
      })
      .execute();
  }

  /** Replaces name and PIN of an existing manager; false when there is none. */
  async update(m: Omit<StoreManagerRow, 'createdAt'>): Promise<boolean> {
    const r = await this.db
      .updateTable('store_managers')
      .set({ name: m.name, pin_hash: m.pinHash })
      .where('store_id', '=', m.storeId)
      .where('manager_id', '=', m.managerId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** The store's managers, by id. */
  async ofStore(storeId: string): Promise<StoreManagerRow[]> {
    const rows = await this.db
      .selectFrom('store_managers')
      .selectAll()
      .where('store_id', '=', storeId)
      .orderBy('manager_id')
      .execute();
    return rows.map((r) => ({
      storeId: r.store_id,
      managerId: r.manager_id,
      name: r.name,
      pinHash: r.pin_hash,
      createdAt: Number(r.created_at),
    }));
  }

  /** True when this call removed the manager. */
  async remove(storeId: string, managerId: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('store_managers')
      .where('store_id', '=', storeId)
      .where('manager_id', '=', managerId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
