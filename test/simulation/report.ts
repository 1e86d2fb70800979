import { FAULT_KINDS, type FaultKind } from './sim-network';
import type { Shrunk } from './shrink';
import type { SimOptions, SimResult } from './simulation';

/** The one line that replays a run exactly. */
export function replayCommand(
  o: Pick<SimOptions, 'seed' | 'steps' | 'tills' | 'bug' | 'strict'> & {
    without?: Iterable<number> | undefined;
  },
): string {
  const without = [...(o.without ?? [])].sort((a, b) => a - b);
  const parts = [`npm run simulate -- --seed ${o.seed} --steps ${o.steps}`];
  if (o.tills !== undefined) parts.push(`--tills ${o.tills}`);
  if (without.length > 0) parts.push(`--without ${without.join(',')}`);
  if (o.bug && o.bug !== 'none') parts.push(`--plant ${o.bug}`);
  if (o.strict) parts.push('--strict');
  return parts.join(' ');
}

/** What a failing seed prints: the invariant, both replay lines, and the shortened trace. */
export function failureReport(o: SimOptions, r: SimResult, shrunk: Shrunk | undefined): string {
  const f = r.failure;
  if (!f) return '';
  const lines = [`seed ${r.seed} FAILED at step ${f.step}: ${f.message}`, `  replay: ${replayCommand(o)}`];
  if (shrunk) {
    const s = shrunk.result;
    lines.push(
      `  shortest failing trace found (${shrunk.steps} steps, ${s.faults.length} faults, ${shrunk.tries} tries):`,
      `  replay: ${replayCommand({ ...o, steps: shrunk.steps, without: shrunk.without })}`,
      ...s.trace.map((l) => `    ${l}`),
    );
  }
  return lines.join('\n');
}

/** What a run did with loyalty, and the loyalty exceptions the server held at the end. */
export interface LoyaltyCounts {
  memberSales: number;
  pointsSales: number;
  pointsSpent: number;
  overrides: number;
  /** Sales that used a coupon, and coupon scans a till refused as used there already. */
  couponSales: number;
  couponsRefused: number;
  exceptions: Record<string, number>;
}

export function addLoyalty(all: readonly LoyaltyCounts[]): LoyaltyCounts {
  const out: LoyaltyCounts = {
    memberSales: 0,
    pointsSales: 0,
    pointsSpent: 0,
    overrides: 0,
    couponSales: 0,
    couponsRefused: 0,
    exceptions: {},
  };
  for (const c of all) {
    out.memberSales += c.memberSales;
    out.pointsSales += c.pointsSales;
    out.pointsSpent += c.pointsSpent;
    out.overrides += c.overrides;
    out.couponSales += c.couponSales;
    out.couponsRefused += c.couponsRefused;
    for (const [k, n] of Object.entries(c.exceptions)) out.exceptions[k] = (out.exceptions[k] ?? 0) + n;
  }
  return out;
}

export interface Summary {
  seeds: number;
  failed: number;
  steps: number;
  sales: number;
  faults: Record<FaultKind, number>;
  wallMs: number;
  virtualMs: number;
  slowestConvergenceMs: number;
  clearedExceptions: number;
  loyalty: LoyaltyCounts;
  /** Seeds in which a known issue was seen, and the first of them (to replay with --strict). */
  knownSeeds: number;
  firstKnown: SimResult | undefined;
}

export function summarise(results: readonly SimResult[], wallMs: number): Summary {
  const faults = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  for (const r of results) for (const k of FAULT_KINDS) faults[k] += r.faultCounts[k];
  return {
    seeds: results.length,
    failed: results.filter((r) => r.failure).length,
    steps: results.reduce((n, r) => n + r.steps, 0),
    sales: results.reduce((n, r) => n + r.sales, 0),
    faults,
    wallMs,
    virtualMs: results.reduce((n, r) => n + r.virtualMs, 0),
    slowestConvergenceMs: Math.max(0, ...results.map((r) => r.convergedAfterMs ?? 0)),
    clearedExceptions: results.reduce((n, r) => n + r.clearedExceptions, 0),
    loyalty: addLoyalty(results.map((r) => r.loyalty)),
    knownSeeds: results.filter((r) => r.known.length > 0).length,
    firstKnown: results.find((r) => r.known.length > 0),
  };
}

export function formatSummary(s: Summary): string {
  const faults = FAULT_KINDS.map((k) => `${k} ${s.faults[k]}`).join(', ');
  const hours = (s.virtualMs / 3_600_000).toFixed(1);
  return [
    `${s.seeds} seeds, ${s.failed} failed; ${s.steps} steps, ${s.sales} sales; ${hours} h simulated`,
    `faults: ${faults}`,
    `slowest convergence after healing: ${(s.slowestConvergenceMs / 1000).toFixed(0)} s (simulated)`,
    `exceptions raised and cleared again by the server (e.g. a seq-gap while batches arrived out of order): ${s.clearedExceptions}`,
    `loyalty: ${s.loyalty.memberSales} member sales, ${s.loyalty.pointsSales} paid partly with points (${s.loyalty.pointsSpent} points), ${s.loyalty.overrides} manager overrides, ${s.loyalty.couponSales} with a coupon (${s.loyalty.couponsRefused} refused as used at that till); exceptions at the end: ${
      Object.entries(s.loyalty.exceptions)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none'
    }`,
    ...(s.firstKnown
      ? [
          `known issue seen in ${s.knownSeeds} seed(s), healed by the end: ${s.firstKnown.known[0]?.message}`,
          `  replay: ${replayCommand({ seed: s.firstKnown.seed, steps: s.firstKnown.known[0]?.step ?? s.firstKnown.steps, tills: s.firstKnown.tills, strict: true })}`,
        ]
      : []),
    `${(s.wallMs / 1000).toFixed(1)} s wall, ${(s.seeds / (s.wallMs / 1000)).toFixed(2)} seeds/s`,
  ].join('\n');
}
