import type { MemberDoc } from '../loyalty/member-doc';

/**
 * RxDB schema of the `members` read model: the members of the till's store and those seen there
 * recently, masked (core/loyalty/member-doc.ts). Cards are looked up through an in-memory index
 * built from the replica (RxDB does not index array fields); the server wins.
 */
export const membersRxSchema = {
  version: 0,
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
    counters: { type: 'object' },
    serverSeq: { type: 'integer', minimum: 0, maximum: 1e15, multipleOf: 1 },
  },
  required: ['memberId', 'cards', 'displayName', 'balance', 'appliedThrough', 'counters', 'serverSeq'],
} as const;

export type MemberReplicaDoc = Omit<MemberDoc, '_deleted'>;
