import type { Db } from '../storage';

export interface PairingCodeRecord {
  codeHash: string;
  storeId: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  terminalId: string | null;
}

/** One-time pairing codes, stored hashed. */
export class PairingRepo {
  constructor(private readonly db: Db) {}

  async insert(c: Omit<PairingCodeRecord, 'usedAt' | 'terminalId'>): Promise<void> {
    await this.db
      .insertInto('pairing_codes')
      .values({
        code_hash: c.codeHash,
        store_id: c.storeId,
        created_at: c.createdAt,
        expires_at: c.expiresAt,
      })
      .execute();
  }

  async get(codeHash: string): Promise<PairingCodeRecord | undefined> {
    const r = await this.db
      .selectFrom('pairing_codes')
      .selectAll()
      .where('code_hash', '=', codeHash)
      .executeTakeFirst();
    return (
      r && {
        codeHash: r.code_hash,
        storeId: r.store_id,
        createdAt: r.created_at,
        expiresAt: r.expires_at,
        usedAt: r.used_at,
        terminalId: r.terminal_id,
      }
    );
  }

  /** Marks the code used if it still is unused; false when someone else used it first. */
  async markUsed(codeHash: string, terminalId: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('pairing_codes')
      .set({ used_at: now, terminal_id: terminalId })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
