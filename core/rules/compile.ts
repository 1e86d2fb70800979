import {
  compileCondition,
  mentionedEvents,
  requiredCoupons,
  type Predicate,
} from './conditions/compile-condition';
import { compileShortfall, type ShortfallFn } from './conditions/near-miss';
import { compileEffect } from './effects/compile-effect';
import type { CompiledEffect, EffectOrigin } from './effects/types';
import type { Facts } from './facts';
import { instantOfLocal } from './local-time';
import { counterKey } from './model';
import type { Condition } from './schema/condition';
import type { Program, Rule } from './schema/program';
import { buildRuleIndex, type RuleIndex } from './rule-index';

export interface CompiledRule {
  readonly program: Program;
  readonly rule: Rule;
  /** The program's priority: programs order before rules do. */
  readonly programPriority: number;
  readonly priority: number;
  readonly pointsCurrency: string;
  /** limits.perTransaction: how often a repeating effect (per item, per group, per bundle) may repeat. */
  readonly maxTimes: number;
  readonly counterKey: string;
  readonly test: Predicate;
  /** A rule that names no event type runs on purchases only. */
  readonly purchaseOnly: boolean;
  readonly effects: readonly CompiledEffect[];
  /** Per effect: where its results come from (copied into each applied effect). */
  readonly origins: readonly EffectOrigin[];
  readonly shortfall: ShortfallFn | null;
  readonly coupons: readonly Extract<Condition, { type: 'coupon' }>[];
}

export interface CompiledProgram {
  readonly compiled: true;
  readonly priority: number;
  /** `${id}@${version}`: a program version never changes, so it compiles once. */
  readonly key: string;
  readonly program: Program;
  /** Status, validity window, scope and audience: whether any rule may run at all. */
  readonly eligible: Predicate;
  readonly rules: readonly CompiledRule[];
  /** Which of `rules` a basket can fire, by its lines and the member's tier (rule-index.ts). */
  readonly index: RuleIndex;
}

const always: Predicate = () => true;

function audienceConditions(p: Program): Condition[] {
  const a = p.audience;
  if (!a) return [];
  const out: Condition[] = [{ type: 'member' }];
  if (a.tiers) out.push({ type: 'member-tier', tiers: a.tiers });
  if (a.segments) out.push({ type: 'member-segment', segments: a.segments });
  if (a.newMembersWithinDays) out.push({ type: 'days-since-enrolment', max: a.newMembersWithinDays });
  if (a.birthday) out.push({ type: 'birthday', within: a.birthday });
  return out;
}

function scopeConditions(p: Program): Condition[] {
  const s = p.scope;
  const out: Condition[] = [];
  if (s?.stores) out.push({ type: 'store', stores: s.stores });
  if (s?.regions) out.push({ type: 'region', regions: s.regions });
  if (s?.channels) out.push({ type: 'channel', channels: s.channels });
  return out;
}

function compileEligibility(p: Program): Predicate {
  if (p.status !== 'active') return () => false;
  const rest = compileCondition({
    type: 'all',
    conditions: [...scopeConditions(p), ...audienceConditions(p)],
  });
  const window = compileValidity(p);
  const optedInOnly = p.audience?.optedInOnly === true;
  return (f: Facts) => window(f) && (!optedInOnly || f.member?.optedIn === true) && rest(f);
}

/**
 * Validity bounds are store-local wall-clock times; each is turned into an instant once per time
 * zone (memoised here), so the window opens and closes once even across a DST change.
 */
function compileValidity(p: Program): Predicate {
  const from = p.validity?.from;
  const until = p.validity?.until;
  if (from === undefined && until === undefined) return always;
  const bounds = new Map<string, { from: number; until: number }>();
  return (f: Facts) => {
    let b = bounds.get(f.ctx.timeZone);
    if (!b) {
      b = {
        from: from === undefined ? -Infinity : instantOfLocal(from, f.ctx.timeZone),
        until: until === undefined ? Infinity : instantOfLocal(until, f.ctx.timeZone),
      };
      bounds.set(f.ctx.timeZone, b);
    }
    return f.ctx.at >= b.from && f.ctx.at < b.until;
  };
}

function compileRule(program: Program, rule: Rule): CompiledRule {
  return {
    program,
    rule,
    programPriority: program.priority ?? 0,
    priority: rule.priority ?? 0,
    pointsCurrency: program.pointsCurrency ?? 'points',
    maxTimes: rule.limits?.perTransaction ?? Number.MAX_SAFE_INTEGER,
    counterKey: counterKey(program.id, rule.id),
    test: rule.when ? compileCondition(rule.when) : always,
    purchaseOnly: mentionedEvents(rule.when).size === 0,
    effects: rule.then.map(compileEffect),
    origins: rule.then.map((_, effectIndex) => ({
      programId: program.id,
      programVersion: program.version,
      ruleId: rule.id,
      ruleName: rule.name,
      effectIndex,
    })),
    shortfall: rule.nearMiss === false || !rule.when ? null : compileShortfall(rule.when),
    coupons: requiredCoupons(rule.when),
  };
}

/**
 * Rule order: program priority (high first), then rule priority (high first), then program id and
 * rule id (code points) as a stable tie-break — never the order of the files or of the rules in one.
 */
export function compareRules(a: CompiledRule, b: CompiledRule): number {
  if (a.programPriority !== b.programPriority) return b.programPriority - a.programPriority;
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.program.id !== b.program.id) return a.program.id < b.program.id ? -1 : 1;
  return a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0;
}

/** Program order: priority (high first), then program id (code points); one version per id is evaluated. */
export function comparePrograms(a: CompiledProgram, b: CompiledProgram): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return a.program.id < b.program.id ? -1 : a.program.id > b.program.id ? 1 : 0;
}

/** Compiles a validated program. Use a `ProgramCache` so each version compiles once. */
export function compileProgram(program: Program): CompiledProgram {
  const rules = program.rules.map((r) => compileRule(program, r)).sort(compareRules);
  return {
    compiled: true,
    priority: program.priority ?? 0,
    key: `${program.id}@${program.version}`,
    program,
    eligible:
      program.status === 'active' && !program.scope && !program.audience && !program.validity
        ? always
        : compileEligibility(program),
    rules,
    index: buildRuleIndex(rules),
  };
}

export interface ProgramCache {
  /** The compiled form of this program version, compiling it on first use. */
  get(program: Program): CompiledProgram;
  readonly size: number;
}

/** One cache per terminal or server process; keyed by id+version since a version never changes. */
export function createProgramCache(): ProgramCache {
  const byKey = new Map<string, CompiledProgram>();
  return {
    get(program) {
      const key = `${program.id}@${program.version}`;
      let c = byKey.get(key);
      if (!c) {
        c = compileProgram(program);
        byKey.set(key, c);
      }
      return c;
    },
    get size() {
      return byKey.size;
    },
  };
}
