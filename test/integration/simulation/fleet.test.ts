import { afterAll, describe, expect, it } from 'vitest';
import { CI_DEEP_SEEDS, CI_DEEP_STEPS, CI_SEEDS, CI_STEPS } from '../../simulation/ci-size';
import { failureReport, formatSummary, summarise } from '../../simulation/report';
import { FAULT_KINDS } from '../../simulation/sim-network';
import { disposeTemplate } from '../../simulation/sim-server';
import { shrink } from '../../simulation/shrink';
import { simulate, type SimOptions, type SimResult } from '../../simulation/simulation';

/**
 * The CI-sized run of the fleet simulation (test/simulation/README.md): 4 tills and the real
 * server in this process, faults from the seed, every invariant after every step and after the
 * network heals. A failure prints the replay line and the shortened trace.
 */
afterAll(disposeTemplate);

/** Seeds `first`… of `steps` steps; the summary, and the reports of every failing seed. */
async function run(first: number, seeds: number, steps: number) {
  const started = performance.now();
  const results: SimResult[] = [];
  const reports: string[] = [];
  for (let seed = first; seed < first + seeds; seed++) {
    const options: SimOptions = { seed, steps };
    const r = await simulate(options);
    results.push(r);
    if (r.failure) reports.push(failureReport(options, r, await shrink(options, r)));
  }
  const summary = summarise(results, performance.now() - started);
  console.log(formatSummary(summary));
  return { summary, reports: reports.join('\n\n') };
}

describe('the fleet simulation (sales and loyalty)', () => {
  it(`keeps every invariant over ${CI_SEEDS} seeds of ${CI_STEPS} steps`, { timeout: 900_000 }, async () => {
    const { summary, reports } = await run(1, CI_SEEDS, CI_STEPS);
    expect(reports).toBe('');
    // The run exercised what it claims: sales (60% of the steps are a shopper), and every kind of
    // fault, at least once.
    expect(summary.sales).toBeGreaterThan(CI_SEEDS * CI_STEPS * 0.5);
    for (const kind of FAULT_KINDS) expect(summary.faults[kind], kind).toBeGreaterThan(0);
    // Loyalty ran too: member sales, points tenders, an override, and overdrafts the server raised.
    expect(summary.loyalty.memberSales).toBeGreaterThan(CI_SEEDS * CI_STEPS * 0.25);
    expect(summary.loyalty.pointsSales).toBeGreaterThan(CI_SEEDS);
    expect(summary.loyalty.overrides).toBeGreaterThan(0);
    expect(summary.loyalty.exceptions.overdraft ?? 0).toBeGreaterThan(0);
    // Coupons: sales that used one, a second scan refused at one till, and two tills' offline use raised.
    expect(summary.loyalty.couponSales).toBeGreaterThan(CI_SEEDS / 10);
    expect(summary.loyalty.couponsRefused).toBeGreaterThan(0);
    expect(summary.loyalty.exceptions['coupon-reused'] ?? 0).toBeGreaterThan(0);
  });

  // Long seeds too: outages that outlast many sales, queues that grow, tills restarted twice.
  it(
    `keeps every invariant over ${CI_DEEP_SEEDS} long seeds of ${CI_DEEP_STEPS} steps`,
    { timeout: 300_000 },
    async () => {
      const { summary, reports } = await run(1_000_001, CI_DEEP_SEEDS, CI_DEEP_STEPS);
      expect(reports).toBe('');
      expect(summary.sales).toBeGreaterThan(CI_DEEP_SEEDS * CI_DEEP_STEPS * 0.5);
    },
  );

  it('replays a seed exactly: the same steps, faults and sales', { timeout: 60_000 }, async () => {
    const a = await simulate({ seed: 4242, steps: 50 });
    const b = await simulate({ seed: 4242, steps: 50 });
    expect(a.faults.length).toBeGreaterThan(0);
    expect(b.trace).toEqual(a.trace);
    const c = await simulate({ seed: 4243, steps: 50 });
    expect(c.trace).not.toEqual(a.trace);
  });
});
