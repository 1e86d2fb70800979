import { sql } from 'kysely';
import type { Db } from '../storage';

/**
 * Reserves `n` numbers of the ONE feed counter that every read model's serverSeq comes from, and
 * returns the first. The atomic UPDATE also holds the counter row until commit, so a later
 * transaction cannot commit higher serverSeqs before this one: a till pulling "after checkpoint N"
 * never skips a document. A reserved number that ends up unused is a harmless hole.
 */
export async function reserveFeedSeqs(db: Db, n: number): Promise<number> {
  const r = await sql<{
    value: number;
  }>`UPDATE counters SET value = value + ${n} WHERE name = 'feed_seq' RETURNING value`.execute(db);
  const top = r.rows[0];
  if (!top) throw new Error('feed counter row is missing');
  return Number(top.value) - n + 1;
}

/** The feed counter's committed value: every read-model document visible now has serverSeq ≤ it. */
export class FeedRepo {
  constructor(private readonly db: Db) {}

  async head(): Promise<number> {
    const r = await this.db
      .selectFrom('counters')
      .select('value')
      .where('name', '=', 'feed_seq')
      .executeTakeFirst();
    return Number(r?.value ?? 0);
  }
}
