import {
  comparePrograms,
  compareRules,
  compileProgram,
  type CompiledProgram,
  type CompiledRule,
} from './compile';
import { presentedCoupon } from './conditions/compile-condition';
import type { Shortfall } from './conditions/near-miss';
import type { AppliedEffect, EffectOrigin, EvalState } from './effects/types';
import { buildFacts, type Facts } from './facts';
import { ledgerFor } from './ledger';
import { limitMessage, limitReached, limitText } from './limits';
import { message } from './messages';
import type { Basket, EvalContext, Member } from './model';
import { moneyText } from './money-text';
import { nearMissMessage, nearMissText } from './near-miss-text';
import type { BonusCapResult, Evaluation, NearMiss, TraceEntry } from './result';
import { candidateRules } from './rule-index';
import type { Program } from './schema/program';

const isCompiled = (p: Program | CompiledProgram): p is CompiledProgram =>
  (p as CompiledProgram).compiled === true;

function newState(facts: Facts, entryId: (k: string) => string, money: (c: number) => string): EvalState {
  return {
    facts,
    discounts: facts.lines.map(() => 0),
    basePoints: new Map(),
    pointsPaid: null,
    entryId,
    money,
  };
}

/** Runs rules' effects phase by phase: all discounts, then base points on what is paid, multipliers, the rest. */
function applyRules(
  rules: readonly CompiledRule[],
  state: EvalState,
  out: AppliedEffect[],
  fired: boolean[],
) {
  for (let phase = 0; phase <= 3; phase++) {
    for (let k = 0; k < rules.length; k++) {
      const r = rules[k] as CompiledRule;
      for (let i = 0; i < r.effects.length; i++) {
        const ce = r.effects[i];
        if (!ce || ce.phase !== phase) continue;
        const applied = ce.apply(r, state, r.origins[i] as EffectOrigin);
        if (!applied) continue;
        fired[k] = true;
        out.push(applied);
      }
    }
  }
}

/** "Best of" per stacking group: the candidate giving the most discount, then the most points, wins. */
function resolveGroups(
  passing: CompiledRule[],
  facts: Facts,
  trace: TraceEntry[],
  state: EvalState,
): CompiledRule[] {
  const groups = new Map<string, CompiledRule[]>();
  for (const r of passing) {
    if (r.rule.group) groups.set(r.rule.group, [...(groups.get(r.rule.group) ?? []), r]);
  }
  const losers = new Set<CompiledRule>();
  let ungrouped: CompiledRule[] | null = null;
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const scored = members.map((r) => {
      const out: AppliedEffect[] = [];
      applyRules(
        // Tried beside the ungrouped rules, so a multiplier is scored on real base points.
        [...(ungrouped ??= passing.filter((x) => !x.rule.group)), r].sort(compareRules),
        newState(facts, state.entryId, state.money),
        out,
        [],
      );
      let discount = 0;
      let points = 0;
      for (const e of out) {
        if (e.kind === 'discount' || e.kind === 'stamps') discount += e.discountCents;
        if (e.kind === 'points') points += e.points;
      }
      return { r, discount, points };
    });
    scored.sort((a, b) => b.discount - a.discount || b.points - a.points || compareRules(a.r, b.r));
    const winner = scored[0]?.r;
    for (const s of scored.slice(1)) {
      losers.add(s.r);
      trace.push({
        programId: s.r.program.id,
        ruleId: s.r.rule.id,
        outcome: 'outranked',
        text: `Not applied: ${s.r.rule.name} — ${winner?.rule.name} is worth more`,
        message: message('outranked', { rule: s.r.rule.name, winner: winner?.rule.name ?? '' }),
      });
    }
  }
  return losers.size === 0 ? passing : passing.filter((r) => !losers.has(r));
}

/** A till shows a hint or two: the closest few near misses (items before money, then rule order). */
export const MAX_NEAR_MISSES = 5;

type Gap = { rule: CompiledRule; gap: Shortfall };

/** Items before money, then the smaller gap, then rule order: a total order, so ties never depend on visit order. */
const closer = (a: Gap, b: Gap): number =>
  (a.gap.kind === b.gap.kind ? 0 : a.gap.kind === 'items' ? -1 : 1) ||
  a.gap.amount - b.gap.amount ||
  compareRules(a.rule, b.rule);

/**
 * Keeps the MAX_NEAR_MISSES closest gaps, sorted, as they are found: at 1,000 rules a basket misses
 * hundreds, and collecting and sorting them all was a visible share of an evaluation.
 */
function isCloser(closest: readonly Gap[], candidate: Gap): boolean {
  return closest.length < MAX_NEAR_MISSES || closer(candidate, closest[MAX_NEAR_MISSES - 1] as Gap) < 0;
}

function keepClosest(closest: Gap[], candidate: Gap): void {
  let at = closest.length;
  while (at > 0 && closer(candidate, closest[at - 1] as Gap) < 0) at--;
  closest.splice(at, 0, candidate);
  if (closest.length > MAX_NEAR_MISSES) closest.pop();
}

function nearMissesOf(closest: readonly Gap[], money: (c: number) => string, currency: string): NearMiss[] {
  return closest.map(({ rule, gap }) => ({
    programId: rule.program.id,
    ruleId: rule.rule.id,
    kind: gap.kind,
    amount: gap.amount,
    text: nearMissText(rule, gap, money),
    message: nearMissMessage(rule, gap, currency),
  }));
}

/**
 * Evaluates programs against a basket (or a non-purchase event), a member (or nobody) and a
 * moment/place. Pure and deterministic: the same inputs give the same output, whatever the order
 * of lines or programs. Pass programs compiled through a `ProgramCache` for speed; raw programs
 * are compiled on the spot.
 */
export function evaluate(
  programs: readonly (CompiledProgram | Program)[],
  basket: Basket,
  member: Member | null,
  ctx: EvalContext,
): Evaluation {
  return evaluateWith(programs, basket, member, ctx, true);
}

/**
 * `evaluate` visiting every rule of every eligible program, without the rule index. Only for the
 * test that proves the index changes nothing, and for the benchmark that measures what it saves.
 */
export function evaluateWithoutIndex(
  programs: readonly (CompiledProgram | Program)[],
  basket: Basket,
  member: Member | null,
  ctx: EvalContext,
): Evaluation {
  return evaluateWith(programs, basket, member, ctx, false);
}

function evaluateWith(
  programs: readonly (CompiledProgram | Program)[],
  basket: Basket,
  member: Member | null,
  ctx: EvalContext,
  indexed: boolean,
): Evaluation {
  const facts = buildFacts(basket, member, ctx);
  const locale = ctx.locale ?? 'en-IE';
  const money = (c: number) => moneyText(c, basket.currency, locale);
  const entryId = (key: string) => {
    const full = `${ctx.transactionId}/${key}`;
    return ctx.newId ? ctx.newId(full) : full;
  };
  const state = newState(facts, entryId, money);
  const trace: TraceEntry[] = [];
  const closest: Gap[] = [];
  const passing: CompiledRule[] = [];

  // One version per program: if a replica holds two, the newest runs (never both: double points).
  const byId = new Map<string, CompiledProgram>();
  for (const p of programs) {
    const c = isCompiled(p) ? p : compileProgram(p);
    const held = byId.get(c.program.id);
    if (!held || held.program.version < c.program.version) byId.set(c.program.id, c);
  }
  const compiled = [...byId.values()].sort(comparePrograms);
  // "Spend €x more" means nothing for a review or a survey: hints are for purchases only.
  const hints = facts.eventType === 'purchase';
  const caps = new Map<string, { cap: number; programId: string }>();

  for (const cp of compiled) {
    if (!cp.eligible(facts)) continue;
    const bonusCap = cp.program.bonusCap;
    if (bonusCap) {
      const currency = cp.program.pointsCurrency ?? 'points';
      const held = caps.get(currency);
      if (!held || bonusCap.perTransaction < held.cap) {
        caps.set(currency, { cap: bonusCap.perTransaction, programId: cp.program.id });
      }
    }
    let stoppedBy: CompiledRule | null = null;
    // The index skips only rules that can neither pass nor hint on this basket; order is kept.
    const visit = indexed ? candidateRules(cp.index, facts) : null;
    const count = visit ? visit.length : cp.rules.length;
    for (let k = 0; k < count; k++) {
      const r = cp.rules[visit ? (visit[k] as number) : k] as CompiledRule;
      if (r.purchaseOnly && facts.eventType !== 'purchase') continue;
      if (!r.test(facts)) {
        const gap = hints && r.shortfall ? r.shortfall(facts) : null;
        if (!gap) continue;
        const candidate = { rule: r, gap };
        // The limit check only for a gap that would be shown.
        if (isCloser(closest, candidate) && !limitReached(r, member, facts.local.date))
          keepClosest(closest, candidate);
        continue;
      }
      const blocked = limitReached(r, member, facts.local.date);
      if (blocked) {
        trace.push({
          programId: cp.program.id,
          ruleId: r.rule.id,
          outcome: 'limit-reached',
          text: limitText(blocked, r),
          message: limitMessage(blocked, r),
        });
        continue;
      }
      if (stoppedBy) {
        trace.push({
          programId: cp.program.id,
          ruleId: r.rule.id,
          outcome: 'excluded',
          text: `Not applied: ${r.rule.name} — ${stoppedBy.rule.name} does not combine`,
          message: message('excluded', { rule: r.rule.name, by: stoppedBy.rule.name }),
        });
        continue;
      }
      passing.push(r);
      if (r.rule.exclusive) stoppedBy = r;
    }
  }

  const chosen = resolveGroups(passing, facts, trace, state).sort(compareRules);
  let effects: AppliedEffect[] = [];
  let fired: boolean[] = new Array<boolean>(chosen.length).fill(false);
  applyRules(chosen, state, effects, fired);

  const bonusCaps: BonusCapResult[] = [];
  if (caps.size > 0) {
    effects = applyBonusCaps(effects, caps, bonusCaps);
    // A rule whose every effect the cap cut to nothing did not apply: no usage, no coupon spent.
    const gave = new Set(effects.map((e) => `${e.programId}/${e.ruleId}`));
    fired = chosen.map((r) => gave.has(r.counterKey));
  }

  for (const e of effects) {
    trace.push({
      programId: e.programId,
      ruleId: e.ruleId,
      outcome: 'applied',
      text: e.text,
      message: e.message,
    });
  }
  for (const c of bonusCaps) {
    trace.push({
      programId: c.programId,
      ruleId: 'bonusCap',
      outcome: 'capped',
      text: `Bonus capped at ${c.cap} ${c.currency}: ${c.notAwarded} ${c.currency} not awarded`,
      message: message('bonus-capped', {
        cap: c.cap,
        points: c.notAwarded,
        unit: c.currency,
        program: byId.get(c.programId)?.program.name ?? c.programId,
      }),
    });
  }
  const nearMisses = nearMissesOf(closest, money, basket.currency);
  return summarize(facts, state, effects, fired, trace, nearMisses, chosen, bonusCaps);
}

/**
 * Cuts bonus points (points effects that are not base earn: fixed bonuses, per-item bonuses with
 * `base: false`, multipliers) to the cap of their currency, across programs. Effects are walked in
 * the order they applied (phase, then rule order), so the last bonuses are the ones cut; an effect
 * cut to 0 is dropped.
 */
function applyBonusCaps(
  effects: AppliedEffect[],
  caps: ReadonlyMap<string, { cap: number; programId: string }>,
  out: BonusCapResult[],
): AppliedEffect[] {
  const given = new Map<string, number>();
  const before = new Map<string, number>();
  const kept: AppliedEffect[] = [];
  for (const e of effects) {
    const cap = e.kind === 'points' && !e.base ? caps.get(e.currency) : undefined;
    if (e.kind !== 'points' || !cap) {
      kept.push(e);
      continue;
    }
    const used = given.get(e.currency) ?? 0;
    before.set(e.currency, (before.get(e.currency) ?? 0) + e.points);
    const allowed = Math.min(e.points, Math.max(0, cap.cap - used));
    given.set(e.currency, used + allowed);
    if (allowed === e.points) kept.push(e);
    else if (allowed > 0)
      kept.push({
        ...e,
        points: allowed,
        text: `${e.text} (capped to +${allowed})`,
        message: message('points-capped', { line: e.message, points: allowed }),
      });
  }
  for (const [currency, cap] of [...caps].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const bonusBefore = before.get(currency) ?? 0;
    const notAwarded = bonusBefore - (given.get(currency) ?? 0);
    if (notAwarded > 0) {
      out.push({ programId: cap.programId, currency, cap: cap.cap, bonusBefore, notAwarded });
    }
  }
  return kept;
}

function summarize(
  facts: Facts,
  state: EvalState,
  effects: AppliedEffect[],
  fired: readonly boolean[],
  trace: TraceEntry[],
  nearMisses: NearMiss[],
  chosen: readonly CompiledRule[],
  bonusCaps: readonly BonusCapResult[],
): Evaluation {
  const discountByLine = new Map<string, number>();
  facts.lines.forEach((l, i) => discountByLine.set(l.lineId, state.discounts[i] ?? 0));
  const lines = facts.basket.lines.map((l) => {
    const d = discountByLine.get(l.lineId) ?? 0;
    return { lineId: l.lineId, amountCents: l.amountCents, discountCents: d, netCents: l.amountCents - d };
  });
  const discountCents = state.discounts.reduce((s, d) => s + d, 0);
  const points: Record<string, number> = {};
  let donationCents = 0;
  for (const e of effects) {
    if (e.kind === 'points') points[e.currency] = (points[e.currency] ?? 0) + e.points;
    if (e.kind === 'donation') donationCents += e.cents;
  }
  const firedRules = chosen.filter((_, k) => fired[k]);
  const couponsRedeemed = new Set<string>();
  for (const r of firedRules) {
    for (const c of r.coupons) {
      const code = presentedCoupon(facts, c.codes, c.prefix);
      if (code) couponsRedeemed.add(code);
    }
  }
  const programs = new Map<string, { id: string; version: number }>();
  for (const r of firedRules) programs.set(r.program.id, { id: r.program.id, version: r.program.version });
  nearMisses.sort(
    (a, b) => a.amount - b.amount || (a.programId + a.ruleId < b.programId + b.ruleId ? -1 : 1),
  );
  const netCents = facts.totalCents - discountCents;
  return {
    effects,
    lines,
    totals: {
      grossCents: facts.totalCents,
      discountCents,
      netCents,
      donationCents,
      toPayCents: netCents + donationCents,
    },
    points,
    ledger: ledgerFor(effects, facts.member?.id ?? null, facts.ctx.transactionId, facts.ctx.newId),
    trace,
    nearMisses,
    usage: firedRules.map((r) => ({
      programId: r.program.id,
      ruleId: r.rule.id,
      counterKey: r.counterKey,
      day: facts.local.date,
    })),
    couponsRedeemed: [...couponsRedeemed].sort(),
    bonusCaps,
    programs: [...programs.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}
