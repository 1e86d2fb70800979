import { roundHalfAwayFromZero } from '../../money/money';
import { aggregate, ALL_LINES, compileMatch } from '../conditions/line-match';
import { message, type LoyaltyMessage } from '../messages';
import { spread } from './spread';
import type { Rounding } from '../schema/common';
import type { EffectOf } from '../schema/effect';
import {
  remaining,
  type ApplyEffect,
  type AppliedEffect,
  type EffectOrigin,
  type EvalState,
  type RuleRun,
} from './types';

/** numerator / denominator rounded by the program's explicit rule (denominator > 0). */
export function roundBy(rule: Rounding, numerator: number, denominator: number): number {
  switch (rule) {
    case 'down':
      return Math.floor(numerator / denominator);
    case 'up':
      return Math.ceil(numerator / denominator);
    case 'half-away-from-zero':
      return roundHalfAwayFromZero(numerator, denominator);
  }
}

const factorBp = (factor: number) => Math.round(factor * 10_000);
const formatFactor = (factor: number) => `${Number(factor.toFixed(2))}×`;

/** Points are the member's: an anonymous basket earns nothing (the till can invite them to join). */
const earns = (state: EvalState, points: number) => state.facts.member !== null && points > 0;

/** Called once `earns` said yes, so the sentence and message are only built for points given. */
function earn(
  origin: EffectOrigin,
  run: RuleRun,
  state: EvalState,
  points: number,
  base: boolean,
  text: string,
  msg: LoyaltyMessage,
): AppliedEffect {
  if (base)
    state.basePoints.set(run.pointsCurrency, (state.basePoints.get(run.pointsCurrency) ?? 0) + points);
  // Spelled out rather than spread ({...origin}): one object with a fixed shape, no growing
  // property store — points are the most frequent effect, and allocation shows in p99.
  return {
    programId: origin.programId,
    programVersion: origin.programVersion,
    ruleId: origin.ruleId,
    ruleName: origin.ruleName,
    effectIndex: origin.effectIndex,
    kind: 'points',
    currency: run.pointsCurrency,
    points,
    base,
    text,
    message: msg,
  };
}

/**
 * Each line's share of what the basket paid with points (Basket.pointsPaidCents), spread pro rata
 * over what the lines cost after discounts, remainder to the last line (spread.ts). Computed once
 * per evaluation, on the first points-per-amount effect — after the discount phase, so the shares
 * follow the final line prices. Null when nothing was paid with points: the common case allocates nothing.
 */
function pointsPaidShares(state: EvalState): readonly number[] | null {
  const cents = state.facts.basket.pointsPaidCents ?? 0;
  if (cents <= 0) return null;
  if (state.pointsPaid === null) {
    const net: number[] = [];
    for (let i = 0; i < state.facts.lines.length; i++) net.push(remaining(state, i));
    state.pointsPaid = spread(Math.floor(cents), net);
  }
  return state.pointsPaid;
}

export function pointsPerAmount(e: EffectOf<'points-per-amount'>): ApplyEffect {
  const match = e.on ? compileMatch(e.on) : ALL_LINES;
  return (run, state, origin) => {
    const pointsPaid = run.program.redemption?.earnOnPointsPaid === true ? null : pointsPaidShares(state);
    let paid = 0;
    for (const i of aggregate(state.facts, match).lines) paid += remaining(state, i) - (pointsPaid?.[i] ?? 0);
    const points = roundBy(e.rounding, Math.max(0, paid) * e.points, e.perCents);
    if (!earns(state, points)) return null;
    return earn(
      origin,
      run,
      state,
      points,
      e.base ?? true,
      `+${points} ${run.pointsCurrency} — ${run.rule.name}`,
      message('points', { points, unit: run.pointsCurrency, rule: run.rule.name }),
    );
  };
}

export function pointsPerItem(e: EffectOf<'points-per-item'>): ApplyEffect {
  const match = compileMatch(e.on);
  return (run, state, origin) => {
    const items = Math.min(aggregate(state.facts, match).quantity, run.maxTimes);
    const points = items * e.points;
    if (!earns(state, points)) return null;
    return earn(
      origin,
      run,
      state,
      points,
      e.base ?? true,
      `+${points} ${run.pointsCurrency} (${items} × ${e.points}) — ${run.rule.name}`,
      message('points-per-item', {
        points,
        unit: run.pointsCurrency,
        items,
        each: e.points,
        rule: run.rule.name,
      }),
    );
  };
}

export function pointsFixed(e: EffectOf<'points-fixed'>): ApplyEffect {
  return (run, state, origin) =>
    earns(state, e.points)
      ? earn(
          origin,
          run,
          state,
          e.points,
          e.base ?? false,
          `+${e.points} ${run.pointsCurrency} — ${run.rule.name}`,
          message('points', { points: e.points, unit: run.pointsCurrency, rule: run.rule.name }),
        )
      : null;
}

/** Extra points on this transaction's base points: factor 2 adds 1× base. Multipliers add, never compound. */
function multiply(
  origin: EffectOrigin,
  run: RuleRun,
  state: EvalState,
  factor: number,
  rounding: Rounding,
  tier: string | null,
) {
  const base = state.basePoints.get(run.pointsCurrency) ?? 0;
  const extra = roundBy(rounding, base * (factorBp(factor) - 10_000), 10_000);
  if (!earns(state, extra)) return null;
  const p = { points: extra, unit: run.pointsCurrency, factor, rule: run.rule.name };
  return earn(
    origin,
    run,
    state,
    extra,
    false,
    `${tier === null ? '' : `${tier} `}${formatFactor(factor)} ${run.pointsCurrency} (+${extra}) — ${run.rule.name}`,
    tier === null ? message('points-multiplier', p) : message('tier-multiplier', { ...p, tier }),
  );
}

export function pointsMultiplier(e: EffectOf<'points-multiplier'>): ApplyEffect {
  return (run, state, origin) => multiply(origin, run, state, e.factor, e.rounding ?? 'down', null);
}

export function tierMultiplier(e: EffectOf<'tier-multiplier'>): ApplyEffect {
  return (run, state, origin) => {
    const tier = state.facts.member?.tier;
    const factor = tier === undefined ? undefined : e.factors[tier];
    if (factor === undefined || tier === undefined) return null;
    return multiply(origin, run, state, factor, e.rounding ?? 'down', tier);
  };
}
