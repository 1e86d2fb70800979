import type { Db } from '../storage';

/** One generation of a named server secret. */
export interface ServerSecret {
  name: string;
  generation: number;
  keyId: string;
  /** base64url */
  secret: string;
  createdAt: number;
}

/**
 * Secrets the server makes itself and every instance shares (the member-app key). Written only
 * by `add`, which never overwrites: two instances adding the same generation at once leave one
 * row, and each reads back the one that won.
 */
export class ServerSecretsRepo {
  constructor(private readonly db: Db) {}

  /** The newest generations of `name`, newest first. */
  async newest(name: string, limit: number): Promise<ServerSecret[]> {
    const rows = await this.db
      .selectFrom('server_secrets')
      .selectAll()
      .where('name', '=', name)
      .orderBy('generation', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      name: r.name,
      generation: Number(r.generation),
      keyId: r.key_id,
      secret: r.secret,
      createdAt: Number(r.created_at),
    }));
  }

  /** Inserts the generation unless it exists; true when this call wrote it. */
  async add(s: ServerSecret): Promise<boolean> {
    const r = await this.db
      .insertInto('server_secrets')
      .values({
        name: s.name,
        generation: s.generation,
        key_id: s.keyId,
        secret: s.secret,
        created_at: s.createdAt,
      })
      .onConflict((oc) => oc.columns(['name', 'generation']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }
}
