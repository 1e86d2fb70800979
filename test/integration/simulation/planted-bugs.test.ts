import { afterAll, describe, expect, it } from 'vitest';
import { CI_SEEDS, CI_STEPS } from '../../simulation/ci-size';
import { failureReport } from '../../simulation/report';
import { disposeTemplate } from '../../simulation/sim-server';
import { shrink } from '../../simulation/shrink';
import type { PlantedBug } from '../../simulation/sim-till';
import { simulate, type SimOptions } from '../../simulation/simulation';

/**
 * The harness can fail: with a known bug planted, the simulation finds a failing seed within the
 * CI seed count, names the broken invariant, prints the replay line, and the shortened run it
 * prints fails again when replayed.
 */
afterAll(disposeTemplate);

const PLANTED: { bug: PlantedBug; invariants: string[]; what: string }[] = [
  {
    bug: 'resume-from-ack',
    invariants: ['seq-contiguous'],
    what: 'a till that reuses the seqs of unsynced sales after a reload',
  },
  {
    bug: 'swallow-push-errors',
    invariants: ['acknowledged-is-stored', 'nothing-missing'],
    what: 'a transport that answers a lost push with an empty success',
  },
  {
    bug: 'answer-before-commit',
    invariants: ['acknowledged-is-stored', 'nothing-missing'],
    what: 'a server that answers a push before it commits it, and loses it in a crash',
  },
  {
    bug: 'count-synced-twice',
    invariants: ['balance-rule'],
    what: "a till that counts its synced loyalty events both in the server's balance and as local",
  },
  {
    bug: 'forget-used-coupons',
    invariants: ['coupon-once-per-till'],
    what: 'a till that takes a coupon it has already used',
  },
];

describe('the simulation catches a planted bug', () => {
  for (const p of PLANTED) {
    it(`finds ${p.what}`, { timeout: 300_000 }, async () => {
      let found: { options: SimOptions; report: string; replay: SimOptions; invariant: string } | undefined;
      for (let seed = 1; seed <= CI_SEEDS && !found; seed++) {
        const options: SimOptions = { seed, steps: CI_STEPS, bug: p.bug };
        const r = await simulate(options);
        if (!r.failure) continue;
        expect(p.invariants).toContain(r.failure.invariant);
        const shrunk = await shrink(options, r);
        found = {
          invariant: r.failure.invariant,
          options,
          report: failureReport(options, r, shrunk),
          replay: { ...options, steps: shrunk.steps, without: new Set(shrunk.without) },
        };
      }
      expect(found, `no seed of ${CI_SEEDS} found it`).toBeDefined();
      const { options, report, replay, invariant } = found!;
      expect(report).toContain(
        `replay: npm run simulate -- --seed ${options.seed} --steps ${CI_STEPS} --plant ${p.bug}`,
      );
      expect(report).toMatch(/shortest failing trace found \(\d+ steps/);
      // The shortened run replays to the same failure.
      const again = await simulate(replay);
      expect(again.failure?.invariant).toBe(invariant);
      expect(again.steps).toBeLessThanOrEqual(CI_STEPS);
    });
  }
});
