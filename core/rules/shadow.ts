import type { CompiledProgram } from './compile';
import { evaluate } from './evaluate';
import type { Basket, EvalContext, Member } from './model';
import type { Evaluation } from './result';
import type { Program } from './schema/program';

export interface ShadowComparison {
  readonly live: Evaluation;
  readonly shadow: Evaluation;
  /** shadow − live: positive means the new version would give more away. */
  readonly delta: {
    readonly discountCents: number;
    readonly donationCents: number;
    readonly points: Readonly<Record<string, number>>;
  };
}

/**
 * Shadow mode: a new program version runs beside the live one on a real basket without applying,
 * so HQ sees what switching would cost per store before switching. Nothing here is applied: the
 * caller keeps `live` for the sale and reports `delta`.
 */
export function compareShadow(
  live: readonly (CompiledProgram | Program)[],
  shadow: readonly (CompiledProgram | Program)[],
  basket: Basket,
  member: Member | null,
  ctx: EvalContext,
): ShadowComparison {
  const a = evaluate(live, basket, member, ctx);
  const b = evaluate(shadow, basket, member, ctx);
  const points: Record<string, number> = {};
  for (const currency of new Set([...Object.keys(a.points), ...Object.keys(b.points)]).values()) {
    const d = (b.points[currency] ?? 0) - (a.points[currency] ?? 0);
    if (d !== 0) points[currency] = d;
  }
  return {
    live: a,
    shadow: b,
    delta: {
      discountCents: b.totals.discountCents - a.totals.discountCents,
      donationCents: b.totals.donationCents - a.totals.donationCents,
      points,
    },
  };
}
