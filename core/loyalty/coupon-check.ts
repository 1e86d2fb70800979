import type { CouponUse } from '../journal';
import type { CompiledProgram, Condition, Evaluation, Rule } from '../rules';

/**
 * What became of each coupon scanned on the open basket, after the rules engine evaluated it with
 * the coupons in the basket (issue 9 "a clear reason at the till when a code cannot be used").
 * One per sale and one per member are the rules' own limits; this module only says which one bit.
 */

export type CouponRefusal =
  /** A rule takes it but the basket is short: `shortCents` more, on a basket of `minCents`. */
  | { reason: 'needs-more'; shortCents: number; minCents: number | null }
  /** A rule takes it, but its limit (one per sale, one per member) was reached. */
  | { reason: 'limit-reached' }
  /** A rule takes it only for members (a tier, a segment), and this sale's member is not one. */
  | { reason: 'not-for-member' }
  /** No rule in force takes it now (its program is paused, out of its dates, or not for this store). */
  | { reason: 'not-valid-now' }
  /** A voucher (voucher-redeem.ts) on a sale with nothing left to pay: kept for another visit. */
  | { reason: 'nothing-to-pay' };

export type CouponVerdict =
  | { code: string; applied: true; use: CouponUse }
  | ({ code: string; applied: false } & CouponRefusal);

export interface ScannedCoupon {
  code: string;
  formatId: string;
  campaign: string;
}

interface RuleRef {
  program: CompiledProgram;
  rule: Rule;
}

const MEMBER_CONDITIONS = new Set<Condition['type']>([
  'member',
  'member-tier',
  'member-segment',
  'birthday',
  'days-since-enrolment',
  'visits',
  'spend',
  'first-purchase',
]);

/** The coupon conditions a rule requires (top level or under `all`). */
function requiredCoupons(c: Condition | undefined): Extract<Condition, { type: 'coupon' }>[] {
  if (!c) return [];
  if (c.type === 'coupon') return [c];
  if (c.type === 'all') return c.conditions.flatMap(requiredCoupons);
  return [];
}

function leaves(c: Condition | undefined): Condition[] {
  if (!c) return [];
  if (c.type === 'all' || c.type === 'any') return c.conditions.flatMap(leaves);
  if (c.type === 'not') return leaves(c.condition);
  return [c];
}

const takes = (c: Extract<Condition, { type: 'coupon' }>, code: string) =>
  (c.codes?.includes(code) ?? false) || (c.prefix !== undefined && code.startsWith(c.prefix));

/** The rules of the programs in force that name this code. */
function rulesFor(programs: readonly CompiledProgram[], code: string): RuleRef[] {
  const out: RuleRef[] = [];
  for (const program of programs) {
    for (const rule of program.program.rules) {
      if (requiredCoupons(rule.when).some((c) => takes(c, code))) out.push({ program, rule });
    }
  }
  return out;
}

export function couponVerdicts(
  scanned: readonly ScannedCoupon[],
  programs: readonly CompiledProgram[],
  evaluation: Evaluation,
  memberAttached: boolean,
): CouponVerdict[] {
  const redeemed = new Set(evaluation.couponsRedeemed);
  return scanned.map((s): CouponVerdict => {
    const rules = rulesFor(programs, s.code);
    const same = (r: RuleRef, x: { programId: string; ruleId: string }) =>
      x.programId === r.program.program.id && x.ruleId === r.rule.id;
    if (redeemed.has(s.code)) {
      const used = rules.filter((r) => evaluation.usage.some((u) => same(r, u)));
      const discountCents = evaluation.effects
        .filter((e) => used.some((r) => same(r, e)))
        .reduce((n, e) => n + (e.kind === 'discount' ? e.discountCents : 0), 0);
      return {
        code: s.code,
        applied: true,
        use: {
          code: s.code,
          formatId: s.formatId,
          campaign: s.campaign,
          discountCents,
          rules: used.map((r) => ({ programId: r.program.program.id, ruleId: r.rule.id })),
        },
      };
    }
    // The basket-total threshold is read off the rule itself (the engine hints only when close).
    for (const r of rules) {
      const min = leaves(r.rule.when).find((c) => c.type === 'basket-total')?.minCents;
      if (min !== undefined && evaluation.totals.grossCents < min) {
        return {
          code: s.code,
          applied: false,
          reason: 'needs-more',
          shortCents: min - evaluation.totals.grossCents,
          minCents: min,
        };
      }
    }
    const miss = evaluation.nearMisses.find((n) => rules.some((r) => same(r, n)));
    if (miss && miss.kind === 'spend') {
      return { code: s.code, applied: false, reason: 'needs-more', shortCents: miss.amount, minCents: null };
    }
    if (evaluation.trace.some((t) => t.outcome === 'limit-reached' && rules.some((r) => same(r, t)))) {
      return { code: s.code, applied: false, reason: 'limit-reached' };
    }
    const forMembers = rules.some((r) => leaves(r.rule.when).some((c) => MEMBER_CONDITIONS.has(c.type)));
    if (rules.length > 0 && forMembers && !memberAttached) {
      return { code: s.code, applied: false, reason: 'not-for-member' };
    }
    if (rules.length > 0 && forMembers && memberAttached && !hasDateLeaf(rules)) {
      return { code: s.code, applied: false, reason: 'not-for-member' };
    }
    return { code: s.code, applied: false, reason: 'not-valid-now' };
  });
}

const hasDateLeaf = (rules: readonly RuleRef[]) =>
  rules.some((r) =>
    leaves(r.rule.when).some((c) => c.type === 'dates' || c.type === 'days-of-week' || c.type === 'hours'),
  );
