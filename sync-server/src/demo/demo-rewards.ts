import type { Reward } from '../../../core/loyalty/reward';
import { publishRewards, type RewardSource } from '../domain/rewards';
import type { Storage } from '../storage/storage';
import { DEMO_STORE } from './demo-catalogue';

const AMS = { stores: [DEMO_STORE.storeId] };

/**
 * The demo store's rewards catalogue (Sephora-style: what the points buy), in the demo programs'
 * points currency ('points', 2 per euro). From a small donation any member reaches on a first sale
 * to a Gold-only discount; the 10th-coffee reward of the coffee card costs no points but is only
 * for a member whose card unlocked it.
 */
export const DEMO_REWARDS: readonly Reward[] = [
  {
    id: 'demo-donate-foodbank',
    version: 1,
    name: 'Give 5 points to the Voedselbank',
    cost: { points: 5 },
    kind: { type: 'donation', cause: 'Voedselbank Amsterdam', amountCents: 5 },
    scope: AMS,
  },
  {
    id: 'demo-coffee-on-us',
    version: 1,
    name: 'A pack of filter coffee on us',
    cost: { points: 150 },
    kind: { type: 'free-product', sku: 'p-8710740000018' },
    scope: AMS,
  },
  {
    id: 'demo-two-euro-off',
    version: 1,
    name: '€2.00 off your shopping',
    cost: { points: 200 },
    kind: { type: 'basket-amount', amountCents: 200 },
    scope: AMS,
  },
  {
    id: 'demo-student-voucher',
    version: 1,
    name: '€5.00 voucher for your next visit (students)',
    cost: { points: 400 },
    kind: { type: 'voucher', amountCents: 500, validDays: 30 },
    eligibility: { segments: ['students'] },
    scope: AMS,
  },
  {
    id: 'demo-gold-ten-percent',
    version: 1,
    name: '10% off your shopping (Gold)',
    cost: { points: 500 },
    kind: { type: 'basket-percent', percent: 10 },
    eligibility: { tiers: ['Gold'] },
    scope: AMS,
  },
  {
    // The coffee card's reward (programs/demo/coffee-card.json `rewardId`).
    id: 'free-coffee',
    version: 1,
    name: 'Free coffee or tea (your 10th)',
    cost: { points: 0 },
    kind: { type: 'free-product', sku: 'p-8710740000018' },
    onlyWhenUnlocked: true,
    scope: AMS,
  },
];

export const demoRewards = (): RewardSource[] =>
  DEMO_REWARDS.map((reward) => ({ source: `demo-rewards:${reward.id}`, reward }));

/** Publishes the demo catalogue (idempotent: a second seed finds every version unchanged). */
export async function seedDemoRewards(storage: Storage, now: number): Promise<void> {
  const r = await publishRewards(storage, demoRewards(), now);
  if (!r.ok) throw new Error(`demo rewards: ${r.message}`);
}
