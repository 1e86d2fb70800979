import { aggregate, compileMatch } from '../conditions/line-match';
import { message } from '../messages';
import type { EffectOf } from '../schema/effect';
import { moneyOf, remaining, type ApplyEffect } from './types';

/** Rounds what the customer pays up to the next `toCents`; the difference goes to the cause. */
export function roundUpDonation(e: EffectOf<'round-up-donation'>): ApplyEffect {
  return (run, state, origin) => {
    let net = 0;
    for (let i = 0; i < state.facts.lines.length; i++) net += remaining(state, i);
    const cents = (e.toCents - (net % e.toCents)) % e.toCents;
    if (net <= 0 || cents === 0) return null;
    return {
      ...origin,
      kind: 'donation',
      currency: run.pointsCurrency,
      cause: e.cause,
      cents,
      points: 0,
      items: 0,
      text: `${state.money(cents)} rounded up for ${e.cause} — ${run.rule.name}`,
      message: message('donation-round-up', {
        amount: moneyOf(state, cents),
        cause: e.cause,
        rule: run.rule.name,
      }),
    };
  };
}

export function pointsDonation(e: EffectOf<'points-donation'>): ApplyEffect {
  return (run, state, origin) =>
    state.facts.member
      ? {
          ...origin,
          kind: 'donation',
          currency: run.pointsCurrency,
          cause: e.cause,
          cents: 0,
          points: e.points,
          items: 0,
          text: `${e.points} ${run.pointsCurrency} donated to ${e.cause} — ${run.rule.name}`,
          message: message('donation-points', {
            points: e.points,
            unit: run.pointsCurrency,
            cause: e.cause,
            rule: run.rule.name,
          }),
        }
      : null;
}

/** One-for-one giving: one item donated per `perItems` matching items bought. */
export function itemDonation(e: EffectOf<'item-donation'>): ApplyEffect {
  const match = compileMatch(e.on);
  return (run, state, origin) => {
    const items = Math.min(Math.floor(aggregate(state.facts, match).quantity / e.perItems), run.maxTimes);
    if (items === 0) return null;
    return {
      ...origin,
      kind: 'donation',
      currency: run.pointsCurrency,
      cause: e.cause,
      cents: 0,
      points: 0,
      items,
      text: `${items} item${items > 1 ? 's' : ''} donated to ${e.cause} — ${run.rule.name}`,
      message: message('donation-items', { items, cause: e.cause, rule: run.rule.name }),
    };
  };
}
