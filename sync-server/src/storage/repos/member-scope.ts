import { sql } from 'kysely';
import type { MembersTable } from '../schema';
import type { Db } from '../storage';
import { chunksFor } from './chunks';
import { reserveFeedSeqs } from './feed-counter';

/**
 * Which members a till of a store replicates (issue 8, "HQ → till"): those whose home store is
 * this store or a store of the same region (a store without a region shares with none), and those
 * seen at this store since `seenSince` — changed after the checkpoint, in serverSeq order.
 * The region's stores come from `stores_region`, their members from `members_home`.
 */
export async function membersInScope(
  db: Db,
  storeId: string,
  seenSince: number,
  after: number,
  limit: number,
): Promise<MembersTable[]> {
  return db
    .selectFrom('members')
    .selectAll()
    .where('server_seq', '>', after)
    .where((eb) =>
      eb.or([
        eb('home_store_id', '=', storeId),
        eb(
          'home_store_id',
          'in',
          eb
            .selectFrom('stores as neighbour')
            .select('neighbour.store_id')
            // NULL = NULL is not true: no region, no neighbours.
            .where('neighbour.region', '=', (own) =>
              own.selectFrom('stores as own').select('own.region').where('own.store_id', '=', storeId),
            ),
        ),
        eb.exists(
          eb
            .selectFrom('member_seen')
            .select('member_seen.member_id')
            .whereRef('member_seen.member_id', '=', 'members.member_id')
            .where('member_seen.store_id', '=', storeId)
            .where('member_seen.last_seen_at', '>=', seenSince),
        ),
      ]),
    )
    .orderBy('server_seq')
    .limit(limit)
    .execute();
}

/** Every store that ever saw one of these members (their tills may hold them). */
export async function storesThatSaw(db: Db, memberIds: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const chunk of chunksFor([...new Set(memberIds)], 1)) {
    const rows = await db
      .selectFrom('member_seen')
      .select('store_id')
      .distinct()
      .where('member_id', 'in', chunk)
      .execute();
    for (const r of rows) out.add(r.store_id);
  }
  return [...out];
}

/**
 * A new serverSeq for every member whose home store is in `region`, one each in member order: the
 * tills of the region pull them again (a store that just joined it gets its neighbours' members,
 * the neighbours get its members, though their checkpoints are past them). Returns how many.
 */
export async function republishRegionMembers(db: Db, region: string): Promise<number> {
  // Take the feed counter's row first (an update by 0): no member write can commit a serverSeq
  // between the count and the update, so the reserved range fits the rows exactly.
  await reserveFeedSeqs(db, 0);
  const inRegion = db.selectFrom('stores').select('store_id').where('region', '=', region);
  const counted = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('home_store_id', 'in', inRegion)
    .executeTakeFirst();
  const n = Number(counted?.n ?? 0);
  if (n === 0) return 0;
  const first = await reserveFeedSeqs(db, n);
  await sql`
    UPDATE members SET server_seq = ranked.seq
    FROM (
      SELECT member_id, CAST(${first - 1} AS bigint) + row_number() OVER (ORDER BY member_id) AS seq
      FROM members
      WHERE home_store_id IN (SELECT store_id FROM stores WHERE region = ${region})
    ) AS ranked
    WHERE members.member_id = ranked.member_id`.execute(db);
  return n;
}
