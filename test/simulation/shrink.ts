import { simulate, type SimOptions, type SimResult } from './simulation';

export interface Shrunk {
  /** The shortest failing run found: fewer steps, fewer faults, the same broken invariant. */
  result: SimResult;
  steps: number;
  without: number[];
  /** Simulations the shrinker ran. */
  tries: number;
}

const MAX_TRIES = 40;

/**
 * Shortens a failing seed: first the fewest steps that still break the same invariant (bisection),
 * then faults switched off one at a time while it still fails. Greedy and bounded, so it finds a
 * short trace, not always the shortest; every answer it gives is a run that was seen to fail.
 */
export async function shrink(options: SimOptions, failed: SimResult): Promise<Shrunk> {
  const invariant = failed.failure?.invariant;
  if (!invariant) throw new Error('shrink() takes a failing run');
  let tries = 0;
  let best = failed;
  let without = new Set(options.without ?? []);
  const fails = async (steps: number, w: ReadonlySet<number>): Promise<SimResult | undefined> => {
    tries++;
    const r = await simulate({ ...options, steps, without: w });
    return r.failure?.invariant === invariant ? r : undefined;
  };

  // Fewest steps: the failure needs at most the steps it failed in.
  let hi = Math.min(options.steps, failed.failure?.step ?? options.steps);
  let lo = 1;
  while (lo < hi && tries < MAX_TRIES) {
    const mid = Math.floor((lo + hi) / 2);
    const r = await fails(mid, without);
    if (r) {
      hi = mid;
      best = r;
    } else lo = mid + 1;
  }
  if (best.steps !== hi) {
    const r = await fails(hi, without);
    if (r) best = r;
  }
  const steps = best.steps;

  // Then each fault of the shortest run, switched off if the run still fails without it.
  for (const f of [...best.faults]) {
    if (tries >= MAX_TRIES) break;
    const w = new Set([...without, f.n]);
    const r = await fails(steps, w);
    if (r) {
      without = w;
      best = r;
    }
  }
  return { result: best, steps, without: [...without].sort((a, b) => a - b), tries };
}
