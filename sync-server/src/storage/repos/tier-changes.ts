import { createIdFactory } from '../../../../core/ids/ids';
import type { TierChangesTable } from '../schema';
import type { Db } from '../storage';
import { chunksFor } from './chunks';

/** A change of one member's tier, as the tier job or a member import makes it. */
export interface TierChange {
  memberId: string;
  /** The member's home store, and its local day of `at`. */
  storeId: string;
  businessDay: string;
  fromTier: string | null;
  toTier: string | null;
  /** Places on the ladder in force (0 = first level); null where no ladder names the tier. */
  fromRank: number | null;
  toRank: number | null;
  at: number;
  source: TierChangesTable['source'];
}

const COLUMNS = 10;

/** Tier history (migration 0019): written beside every write of members.tier, in its transaction. */
export class TierChangesRepo {
  private readonly newId = createIdFactory();

  constructor(private readonly db: Db) {}

  /** Records the changes; a change that is none (same tier) is not a movement and is skipped. */
  async record(changes: readonly TierChange[]): Promise<number> {
    const moves = changes.filter((c) => c.fromTier !== c.toTier);
    for (const chunk of chunksFor(moves, COLUMNS)) {
      await this.db
        .insertInto('tier_changes')
        .values(
          chunk.map((c) => ({
            id: this.newId(c.at),
            member_id: c.memberId,
            store_id: c.storeId,
            from_tier: c.fromTier,
            to_tier: c.toTier,
            from_rank: c.fromRank,
            to_rank: c.toRank,
            changed_at: c.at,
            business_day: c.businessDay,
            source: c.source,
          })),
        )
        .execute();
    }
    return moves.length;
  }

  /** A member's tier history, oldest first. */
  async ofMember(memberId: string): Promise<TierChange[]> {
    const rows = await this.db
      .selectFrom('tier_changes')
      .selectAll()
      .where('member_id', '=', memberId)
      .orderBy('changed_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      memberId: r.member_id,
      storeId: r.store_id,
      businessDay: r.business_day,
      fromTier: r.from_tier,
      toTier: r.to_tier,
      fromRank: r.from_rank === null ? null : Number(r.from_rank),
      toRank: r.to_rank === null ? null : Number(r.to_rank),
      at: Number(r.changed_at),
      source: r.source,
    }));
  }
}

export const tierChangesOf = (db: Db): TierChangesRepo => new TierChangesRepo(db);
