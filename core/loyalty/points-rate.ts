import type { CompiledProgram } from '../rules/compile';
import type { Program } from '../rules/schema/program';

/**
 * The rate at which points pay (issue 9, "points as partial payment"): a program's `redemption`
 * block says `pointsPerUnit` points pay `unitCents` cents — 100 and 100: 100 points = €1.00.
 * Pure integer arithmetic, rounded in the shop's favour both ways, so a points payment never
 * pays more than the points are worth.
 */
export interface PointsRate {
  readonly pointsPerUnit: number;
  readonly unitCents: number;
  /** Points are earned on the part paid with points (default false: no points on points). */
  readonly earnOnPointsPaid: boolean;
  /** The program that set the rate, for the receipt and the journal. */
  readonly programId: string;
  readonly programVersion: number;
}

const programOf = (p: CompiledProgram | Program): Program => ('compiled' in p ? p.program : p);

/**
 * The rate of a points currency: from the programs in that currency that have a redemption block,
 * the newest version of each (as the engine runs them); an active one before any other (a paused program's points stay
 * spendable at its rate), then the highest program priority, then program id — one answer whatever
 * the order of the replica. Null when no program lets these points be spent.
 */
export function pointsRateOf(
  programs: readonly (CompiledProgram | Program)[],
  currency = 'points',
): PointsRate | null {
  const newest = new Map<string, Program>();
  for (const entry of programs) {
    const p = programOf(entry);
    const held = newest.get(p.id);
    if (!held || held.version < p.version) newest.set(p.id, p);
  }
  let best: Program | null = null;
  for (const p of newest.values()) {
    if (!p.redemption || (p.pointsCurrency ?? 'points') !== currency) continue;
    if (best === null || ranksBefore(p, best)) best = p;
  }
  if (best?.redemption === undefined) return null;
  return {
    pointsPerUnit: best.redemption.pointsPerUnit,
    unitCents: best.redemption.unitCents,
    earnOnPointsPaid: best.redemption.earnOnPointsPaid ?? false,
    programId: best.id,
    programVersion: best.version,
  };
}

function ranksBefore(a: Program, b: Program): boolean {
  const active = Number(a.status === 'active') - Number(b.status === 'active');
  if (active !== 0) return active > 0;
  const priority = (a.priority ?? 0) - (b.priority ?? 0);
  if (priority !== 0) return priority > 0;
  return a.id < b.id;
}

type Rate = Pick<PointsRate, 'pointsPerUnit' | 'unitCents'>;

/** What `points` pay, in cents, rounded down: at 100 points = 50 cents, 199 points pay 99 cents. */
export function centsForPoints(points: number, rate: Rate): number {
  if (!(points > 0)) return 0;
  return Math.floor((Math.floor(points) * rate.unitCents) / rate.pointsPerUnit);
}

/** The points it takes to pay `cents`, rounded up: the member pays at least the rate. */
export function pointsForCents(cents: number, rate: Rate): number {
  if (!(cents > 0)) return 0;
  return Math.ceil((Math.ceil(cents) * rate.pointsPerUnit) / rate.unitCents);
}
