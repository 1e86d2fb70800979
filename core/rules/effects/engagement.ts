import { aggregate, ALL_LINES, compileMatch } from '../conditions/line-match';
import { dayNumberOf } from '../local-time';
import { message, type LoyaltyMessage } from '../messages';
import type { EffectOf } from '../schema/effect';
import { bookLines } from './discounts';
import { moneyOf, remaining, type ApplyEffect } from './types';
import { unitsOf, type Unit } from './units';

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
      message: message('coupon-issued', { name: e.name, until: validUntil, rule: run.rule.name }),
    };
  };
}

/**
 * Stamps per matching item. A completed card (held + added ≥ required) is cashed in: `required`
 * stamps come off per completion, and the reward is unlocked or a coupon issued for the next
 * visit, or — `in: "this-visit"` — the cheapest matching item of this basket is free (one per
 * completion; the free item earns its stamp too: 8 held + 3 bought on a 10-card → 1 free, 1 left).
 */
export function stamp(e: EffectOf<'stamp'>): ApplyEffect {
  const match = compileMatch(e.on);
  const payout =
    e.reward.coupon !== undefined ? 'coupon' : e.reward.in === 'this-visit' ? 'this-visit' : 'unlock';
  const rewardId = e.reward.coupon ?? e.reward.rewardId ?? '';
  return (run, state, origin) => {
    const member = state.facts.member;
    if (!member) return null;
    const agg = aggregate(state.facts, match);
    const added = Math.min(agg.quantity, run.maxTimes);
    if (added === 0) return null;
    const held = member.stamps?.[e.card] ?? 0;
    let completed = Math.floor((held + added) / e.required);
    let discountCents = 0;
    let lines: { lineId: string; discountCents: number }[] = [];
    if (payout === 'this-visit' && completed > 0) {
      // Cheapest units first, skipping what other discounts already took off in full.
      const units = unitsOf(state.facts, agg.lines);
      const wanted = new Map<number, number>();
      let free = 0;
      for (let k = units.length - 1; k >= 0 && free < completed; k--) {
        const u = units[k] as Unit;
        const d = Math.min(u.priceCents, remaining(state, u.line) - (wanted.get(u.line) ?? 0));
        if (d <= 0) continue;
        wanted.set(u.line, (wanted.get(u.line) ?? 0) + d);
        free++;
      }
      completed = free; // a completion with nothing left to give stays on the card
      ({ lines, total: discountCents } = bookLines(state, wanted));
    }
    const onCard = held + added - completed * e.required;
    const times = completed > 1 ? ` ×${completed}` : '';
    const validUntil =
      payout === 'coupon'
        ? dateOfDayNumber(dayNumberOf(state.facts.local.date) + (e.reward.validDays ?? 0))
        : undefined;
    const couponIds: string[] = [];
    if (payout === 'coupon') {
      for (let k = 0; k < completed; k++) {
        couponIds.push(
          state.entryId(
            `${run.program.id}@${run.program.version}/${run.rule.id}/${origin.effectIndex}/coupon-${k}`,
          ),
        );
      }
    }
    const left = `(${onCard} of ${e.required} on the new card)`;
    const rule = run.rule.name;
    const card = { reward: e.reward.name, times: completed, onCard, required: e.required, rule };
    let text: string;
    let msg: LoyaltyMessage;
    if (completed === 0) {
      text = `+${added} stamp${added > 1 ? 's' : ''} (${onCard} of ${e.required}) — ${rule}`;
      msg = message('stamps-added', { stamps: added, onCard, required: e.required, rule });
    } else if (payout === 'this-visit') {
      text = `Card complete: ${e.reward.name}${times} now (−${state.money(discountCents)}) ${left} — ${rule}`;
      msg = message('stamp-card-free', { ...card, amount: moneyOf(state, discountCents) });
    } else if (payout === 'coupon') {
      text = `Card complete: coupon for next visit: ${e.reward.name}${times} (until ${validUntil}) ${left} — ${rule}`;
      msg = message('stamp-card-coupon', { ...card, until: validUntil ?? '' });
    } else {
      text = `Card complete: ${e.reward.name}${times} unlocked ${left} — ${rule}`;
      msg = message('stamp-card-unlocked', card);
    }
    return {
      ...origin,
      kind: 'stamps',
      card: e.card,
      added,
      onCard,
      required: e.required,
      completed,
      rewardId,
      rewardName: e.reward.name,
      payout,
      discountCents,
      lines,
      couponIds,
      ...(validUntil !== undefined ? { validUntil } : {}),
      text,
      message: msg,
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
      message: completed
        ? message('badge-earned', { badge: e.badge, rule: run.rule.name })
        : message('challenge-progress', {
            badge: e.badge,
            progress: total,
            target: e.target,
            rule: run.rule.name,
          }),
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
          message: message('reward-unlocked', { name: e.name, rule: run.rule.name }),
        }
      : null;
}
