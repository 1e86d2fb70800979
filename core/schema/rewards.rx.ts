import type { RewardDoc } from '../loyalty/reward';

/** RxDB schema of the `rewards` read model: published reward versions the store offers. */
export const rewardsRxSchema = {
  version: 0,
  primaryKey: 'docId',
  type: 'object',
  properties: {
    docId: { type: 'string', maxLength: 140 },
    rewardId: { type: 'string', maxLength: 64 },
    version: { type: 'integer', minimum: 1, maximum: 1e9, multipleOf: 1 },
    reward: { type: 'object' },
    publishedAt: { type: 'integer' },
    serverSeq: { type: 'integer', minimum: 0, maximum: 1e15, multipleOf: 1 },
  },
  required: ['docId', 'rewardId', 'version', 'reward', 'publishedAt', 'serverSeq'],
} as const;

export type RewardReplicaDoc = Omit<RewardDoc, '_deleted'>;
