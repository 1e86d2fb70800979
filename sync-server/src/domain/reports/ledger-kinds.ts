import { sql } from 'kysely';
import { SPEND_PROGRAM_ID } from '../../../../core/loyalty/spend-ids';
import type { Program } from '../../../../core/rules/schema/program';
import { pointsRateOf } from '../../../../core/loyalty/points-rate';
import type { ReportContext } from './report-context';

/** Adjustments a manager made resolving an exception (ADJUST_PROGRAM_ID of domain/exceptions). */
export const ADJUST_PROGRAM = 'kassa-adjust';

/**
 * What a points row of the ledger is (ledger-rows.ts, ledger-projection.ts): an expiry row has rule
 * `expiry`, a spend (reward, points tender) program `kassa-spend`, a manager's adjustment program
 * `kassa-adjust`; anything else was earned (a return's reversal is a negative earning).
 */
export const ledgerKind = sql<string>`CASE WHEN rule_id = 'expiry' THEN 'expired'
  WHEN program_id = ${SPEND_PROGRAM_ID} THEN 'redeemed'
  WHEN program_id = ${ADJUST_PROGRAM} THEN 'adjusted' ELSE 'issued' END`;

/** The newest version of every published program, parsed. */
export async function newestPrograms(ctx: ReportContext): Promise<Program[]> {
  const rows = await ctx.storage.db
    .selectFrom('programs')
    .select(['program_id', 'version', 'body'])
    .execute();
  const newest = new Map<string, { version: number; body: string }>();
  for (const r of rows) {
    const held = newest.get(r.program_id);
    if (!held || held.version < r.version) newest.set(r.program_id, r);
  }
  return [...newest.values()].map((r) => JSON.parse(r.body) as Program);
}

/** Cents per point: a program's own redemption rate, else the points currency's, else 0. */
export function pointValues(programs: readonly Program[]): (programId: string) => number {
  const fallback = pointsRateOf(programs);
  const rate = (r: { pointsPerUnit: number; unitCents: number } | null | undefined) =>
    r ? r.unitCents / r.pointsPerUnit : 0;
  const own = new Map(programs.map((p) => [p.id, p.redemption ? rate(p.redemption) : rate(fallback)]));
  return (programId) => own.get(programId) ?? rate(fallback);
}
