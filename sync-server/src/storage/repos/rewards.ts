import { rewardDocId, type RewardDoc } from '../../../../core/loyalty/reward';
import type { Db, FeedChange } from '../storage';
import { VersionedCatalogue, type CatalogueRecord } from './versioned-catalogue';

export type RewardRecord = CatalogueRecord<'rewardId'>;

/**
 * Published reward versions (immutable, as programs': publish, get, list, retire by id), also the
 * `rewards` read model of the feed: the versions a store offers, retired ones as deleted.
 */
export class RewardsRepo extends VersionedCatalogue<'rewardId', RewardDoc> {
  constructor(db: Db, touch: (c: FeedChange) => void) {
    super(db, touch, {
      table: 'rewards',
      idColumn: 'reward_id',
      idKey: 'rewardId',
      collection: 'rewards',
      toDoc: (v) => ({
        docId: rewardDocId(v.id, v.version),
        rewardId: v.id,
        version: v.version,
        reward: v.body,
        publishedAt: v.publishedAt,
        serverSeq: v.serverSeq,
        _deleted: v.retiredAt !== null,
      }),
    });
  }
}
