import type { Effect } from '../schema/effect';
import { amountOff, bundlePrice, buyXGetY, cheapestFree, fixedPrice, percentOff } from './discounts';
import { itemDonation, pointsDonation, roundUpDonation } from './donations';
import { challenge, issueCoupon, rewardUnlock, stamp } from './engagement';
import { pointsFixed, pointsMultiplier, pointsPerAmount, pointsPerItem, tierMultiplier } from './points';
import type { CompiledEffect } from './types';

export function compileEffect(e: Effect): CompiledEffect {
  switch (e.type) {
    case 'percent-off':
      return { phase: 0, apply: percentOff(e) };
    case 'amount-off':
      return { phase: 0, apply: amountOff(e) };
    case 'fixed-price':
      return { phase: 0, apply: fixedPrice(e) };
    case 'cheapest-free':
      return { phase: 0, apply: cheapestFree(e) };
    case 'buy-x-get-y':
      return { phase: 0, apply: buyXGetY(e) };
    case 'bundle-price':
      return { phase: 0, apply: bundlePrice(e) };
    case 'points-per-amount':
      return { phase: 1, apply: pointsPerAmount(e) };
    case 'points-per-item':
      return { phase: 1, apply: pointsPerItem(e) };
    case 'points-fixed':
      return { phase: 1, apply: pointsFixed(e) };
    case 'points-multiplier':
      return { phase: 2, apply: pointsMultiplier(e) };
    case 'tier-multiplier':
      return { phase: 2, apply: tierMultiplier(e) };
    case 'issue-coupon':
      return { phase: 3, apply: issueCoupon(e) };
    case 'stamp':
      // A card that pays out in this visit takes its free item off with the discounts, so points
      // are earned on what is paid; otherwise stamps come after points.
      return { phase: e.reward.in === 'this-visit' ? 0 : 3, apply: stamp(e) };
    case 'challenge':
      return { phase: 3, apply: challenge(e) };
    case 'round-up-donation':
      return { phase: 3, apply: roundUpDonation(e) };
    case 'points-donation':
      return { phase: 3, apply: pointsDonation(e) };
    case 'item-donation':
      return { phase: 3, apply: itemDonation(e) };
    case 'reward-unlock':
      return { phase: 3, apply: rewardUnlock(e) };
  }
}
