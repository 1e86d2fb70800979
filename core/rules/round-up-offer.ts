import type { CompiledProgram } from './compile';
import type { Condition } from './schema/condition';

/** The basket flag a customer sets by choosing to round up. */
export const ROUND_UP_FLAG = 'round-up';

/** A round-up a program offers: to the next `toCents`, for `cause`. */
export interface RoundUpOffer {
  readonly programId: string;
  readonly ruleId: string;
  readonly cause: string;
  readonly toCents: number;
}

/** Whether a condition holds only when the basket carries `flag` (the flag itself, or inside an `all`). */
function requiresFlag(c: Condition, flag: string): boolean {
  if (c.type === 'basket-flag') return c.flag === flag;
  if (c.type === 'all') return c.conditions.some((x) => requiresFlag(x, flag));
  return false;
}

/**
 * The first round-up the active programs offer: a rule that runs only when the customer chose
 * 'round-up' and gives a round-up donation. Programs come in the engine's order, so the same
 * program wins here as in `evaluate`. Whether it applies to this basket (validity, scope) is the
 * evaluation's answer: the till shows the toggle from this, and the amount due from `evaluate`.
 */
export function roundUpOfferOf(programs: readonly CompiledProgram[]): RoundUpOffer | null {
  for (const p of programs) {
    if (p.program.status !== 'active') continue;
    for (const r of p.rules) {
      if (!r.rule.when || !requiresFlag(r.rule.when, ROUND_UP_FLAG)) continue;
      for (const e of r.rule.then) {
        if (e.type === 'round-up-donation') {
          return { programId: p.program.id, ruleId: r.rule.id, cause: e.cause, toCents: e.toCents };
        }
      }
    }
  }
  return null;
}

/** What rounding `netCents` up to the next `toCents` adds (0 when already round or nothing to pay). */
export function roundUpCents(netCents: number, toCents: number): number {
  if (netCents <= 0) return 0;
  return (toCents - (netCents % toCents)) % toCents;
}
