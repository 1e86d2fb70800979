import { rewardDocId, type RewardDoc } from '../../../../core/loyalty/reward';
import type { RewardsTable } from '../schema';
import type { Db, FeedChange } from '../storage';
import { reserveFeedSeqs } from './feed-counter';

export interface RewardRecord {
  rewardId: string;
  version: number;
  body: Record<string, unknown>;
  scopeStores: string[] | null;
  publishedAt: number;
  retiredAt: number | null;
  serverSeq: number;
}

const toRecord = (r: RewardsTable): RewardRecord => ({
  rewardId: r.reward_id,
  version: Number(r.version),
  body: JSON.parse(r.body) as Record<string, unknown>,
  scopeStores: r.scope_stores === null ? null : (JSON.parse(r.scope_stores) as string[]),
  publishedAt: Number(r.published_at),
  retiredAt: r.retired_at === null ? null : Number(r.retired_at),
  serverSeq: Number(r.server_seq),
});

/** Published reward versions (immutable), also the `rewards` read model of the feed. */
export class RewardsRepo {
  constructor(
    private readonly db: Db,
    private readonly touch: (c: FeedChange) => void,
  ) {}

  /**
   * Publishes a version. An identical re-publish is a no-op ('unchanged'); other content under a
   * published version is refused ('version-taken'): a published version never changes.
   */
  async publish(
    r: { rewardId: string; version: number; body: Record<string, unknown>; scopeStores: string[] | null },
    now: number,
    canonical: (v: unknown) => string,
  ): Promise<'published' | 'unchanged' | 'version-taken'> {
    const existing = await this.get(r.rewardId, r.version);
    if (existing) return canonical(existing.body) === canonical(r.body) ? 'unchanged' : 'version-taken';
    const serverSeq = await reserveFeedSeqs(this.db, 1);
    await this.db
      .insertInto('rewards')
      .values({
        reward_id: r.rewardId,
        version: r.version,
        body: canonical(r.body),
        scope_stores: r.scopeStores === null ? null : JSON.stringify(r.scopeStores),
        published_at: now,
        retired_at: null,
        server_seq: serverSeq,
      })
      .execute();
    this.announce(r.scopeStores);
    return 'published';
  }

  async get(rewardId: string, version: number): Promise<RewardRecord | undefined> {
    const r = await this.db
      .selectFrom('rewards')
      .selectAll()
      .where('reward_id', '=', rewardId)
      .where('version', '=', version)
      .executeTakeFirst();
    return r && toRecord(r);
  }

  async list(): Promise<RewardRecord[]> {
    return (
      await this.db.selectFrom('rewards').selectAll().orderBy('reward_id').orderBy('version').execute()
    ).map(toRecord);
  }

  /** Retires every live version of a reward: tills drop it (a `_deleted` document). */
  async retire(rewardId: string, now: number): Promise<number> {
    const live = (await this.list()).filter((r) => r.rewardId === rewardId && r.retiredAt === null);
    for (const r of live) {
      const serverSeq = await reserveFeedSeqs(this.db, 1);
      await this.db
        .updateTable('rewards')
        .set({ retired_at: now, server_seq: serverSeq })
        .where('reward_id', '=', r.rewardId)
        .where('version', '=', r.version)
        .execute();
      this.announce(r.scopeStores);
    }
    return live.length;
  }

  /** The feed: reward versions this store offers, changed after the checkpoint (retired ones as deleted). */
  async pull(storeId: string, after: number, limit: number): Promise<RewardDoc[]> {
    // The catalogue is small (HQ publishes it by hand); the scope is filtered here, as programs'.
    const rows = await this.db
      .selectFrom('rewards')
      .selectAll()
      .where('server_seq', '>', after)
      .orderBy('server_seq')
      .execute();
    return rows
      .map(toRecord)
      .filter((r) => r.scopeStores === null || r.scopeStores.includes(storeId))
      .slice(0, limit)
      .map((r) => ({
        docId: rewardDocId(r.rewardId, r.version),
        rewardId: r.rewardId,
        version: r.version,
        reward: r.body,
        publishedAt: r.publishedAt,
        serverSeq: r.serverSeq,
        _deleted: r.retiredAt !== null,
      }));
  }

  private announce(scopeStores: string[] | null): void {
    // A reward for every store concerns every store: the stream filter lets a '*' through.
    for (const storeId of scopeStores ?? ['*']) this.touch({ collection: 'rewards', storeId });
  }
}
