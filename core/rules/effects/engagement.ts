import { aggregate, ALL_LINES, compileMatch } from '../conditions/line-match';
import { dayNumberOf } from '../local-time';
import type { EffectOf } from '../schema/effect';
import { remaining, type ApplyEffect } from './types';

const DAY_MS = 86_400_000;
const dateOfDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

export function issueCoupon(e: EffectOf<'issue-coupon'>): ApplyEffect {
  return (run, state, origin) => {
    if (!state.facts.member) return null;
    // Valid from the next order through the last day of the window, in store-local days.
    const validUntil = dateOfDayNumber(dayNumberOf(state.facts.local.date) + e.validDays);
    return {
      ...origin,
      kind: 'coupon',
      couponId: state.entryId(
        `${run.program.id}@${run.program.version}/${run.rule.id}/${origin.effectIndex}/coupon`,
      ),
      coupon: e.coupon,
      name: e.name,
      validUntil,
      text: `Coupon for next visit: ${e.name} (until ${validUntil}) — ${run.rule.name}`,
    };
  };
}

export function stamp(e: EffectOf<'stamp'>): ApplyEffect {
  const match = compileMatch(e.on);
  return (run, state, origin) => {
    const member = state.facts.member;
    if (!member) return null;
    const added = Math.min(aggregate(state.facts, match).quantity, run.maxTimes);
    if (added === 0) return null;
    const held = member.stamps?.[e.card] ?? 0;
    const completed = Math.floor((held + added) / e.required);
    const onCard = (held + added) % e.required;
    const text =
      completed > 0
        ? `Card complete: ${e.reward.name}${completed > 1 ? ` ×${completed}` : ''} unlocked (${onCard} of ${e.required} on the new card) — ${run.rule.name}`
        : `+${added} stamp${added > 1 ? 's' : ''} (${onCard} of ${e.required}) — ${run.rule.name}`;
    return {
      ...origin,
      kind: 'stamps',
      card: e.card,
      added,
      onCard,
      required: e.required,
      completed,
      rewardId: e.reward.rewardId,
      rewardName: e.reward.name,
      text,
    };
  };
}

export function challenge(e: EffectOf<'challenge'>): ApplyEffect {
  const match = e.on ? compileMatch(e.on) : ALL_LINES;
  return (run, state, origin) => {
    const member = state.facts.member;
    if (!member) return null;
    const held = member.challenges?.[e.challenge] ?? 0;
    if (held >= e.target) return null; // badge already earned
    let step = 1;
    if (e.measure !== 'transactions') {
      const agg = aggregate(state.facts, match);
      step = e.measure === 'items' ? agg.quantity : agg.lines.reduce((s, i) => s + remaining(state, i), 0);
    }
    if (step <= 0) return null;
    const total = Math.min(e.target, held + step);
    const completed = total >= e.target;
    return {
      ...origin,
      kind: 'challenge',
      challenge: e.challenge,
      badge: e.badge,
      progress: total - held,
      total,
      target: e.target,
      completed,
      text: completed
        ? `Badge earned: ${e.badge} — ${run.rule.name}`
        : `Challenge ${total} of ${e.target} toward ${e.badge} — ${run.rule.name}`,
    };
  };
}

export function rewardUnlock(e: EffectOf<'reward-unlock'>): ApplyEffect {
  return (run, state, origin) =>
    state.facts.member
      ? {
          ...origin,
          kind: 'reward',
          rewardId: e.rewardId,
          name: e.name,
          text: `Reward unlocked: ${e.name} — ${run.rule.name}`,
        }
      : null;
}
