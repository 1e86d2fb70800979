import type { MemberDoc } from '../loyalty/member-doc';

/**
 * RxDB schema of the `members` read model: the members of the till's store and those seen there
 * recently, masked (core/loyalty/member-doc.ts). Cards are looked up through an in-memory index
 * built from the replica (RxDB does not index array fields); the server wins.
 */
export const membersRxSchema = {
  version: 1,
  primaryKey: 'memberId',
  type: 'object',
  properties: {
    memberId: { type: 'string', maxLength: 64 },
    cards: { type: 'array', items: { type: 'string' } },
    phoneHash: { type: ['string', 'null'] },
    displayName: { type: 'string' },
    phoneLast3: { type: ['string', 'null'] },
    tier: { type: ['string', 'null'] },
    segments: { type: 'array', items: { type: 'string' } },
    birthday: { type: ['string', 'null'] },
    enrolledAt: { type: 'integer' },
    optedIn: { type: 'boolean' },
    balance: { type: 'integer' },
    pendingPoints: { type: 'integer' },
    lifetimeEarned: { type: 'integer' },
    appliedThrough: { type: 'object' },
    counters: {
      type: 'object',
      // v1: points earned per currency per month, for the tier progress of a points ladder.
      properties: { earnedByMonth: { type: 'object' } },
    },
    serverSeq: { type: 'integer', minimum: 0, maximum: 1e15, multipleOf: 1 },
  },
  required: ['memberId', 'cards', 'displayName', 'balance', 'appliedThrough', 'counters', 'serverSeq'],
} as const;

export type MemberReplicaDoc = Omit<MemberDoc, '_deleted'>;

/**
 * A till upgraded in place keeps its replica and its checkpoint: a v0 document has no
 * `counters.earnedByMonth` and keeps none (the panel says the points history is not there yet)
 * until the server sends the member again with it. Inventing an empty history would show a
 * member further from the next tier than they are.
 */
export const membersMigrationStrategies = {
  1: (doc: Record<string, unknown>) => doc,
};
