import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { figuresAfterSale, type MemberFigures } from '../../../../core/folds/member-figures';
import { programDocId, type ProgramDoc } from '../../../../core/loyalty/program-doc';
import { computeTier, type Program, type TierLadder } from '../../../../core/rules';
import { tierOf } from '../../../../sync-server/src/domain/jobs/ledger-jobs';
import { createProgramCompiler } from '../../../../renderer/src/features/members/sale-loyalty';
import { tierProgressOf, type UnsyncedSale } from '../../../../renderer/src/features/members/tier-progress';
import { memberDoc } from './fixtures';

const DEMO_TIERS = JSON.parse(readFileSync('sync-server/programs/demo/tier-ladder.json', 'utf8')) as Program;
const LADDER = DEMO_TIERS.tiers as TierLadder;
const doc = (program: Program): ProgramDoc => ({
  docId: programDocId(program.id, program.version),
  programId: program.id,
  version: program.version,
  program: program as unknown as Record<string, unknown>,
  publishedAt: 0,
  serverSeq: 1,
  _deleted: false,
});
const PROGRAMS = createProgramCompiler().compile([doc(DEMO_TIERS)]);
const ZONE = 'Europe/Amsterdam';
const store = { storeId: 'store-demo-ams', timeZone: ZONE, terminalId: 'T1' };
const EMPTY: MemberFigures = {
  balance: 0,
  pendingPoints: 0,
  lifetimeEarned: 0,
  appliedThrough: {},
  counters: {
    purchaseCount: 0,
    visits: [],
    rules: {},
    stamps: {},
    challenges: {},
    badges: [],
    earnedByMonth: {},
  },
};

interface Sale {
  at: number;
  rows: { account: string; unit: string; amount: number }[];
}

/** A member's sales at till T1, seq 1…n, folded by the server up to `appliedThrough`. */
function server(sales: readonly Sale[], folded: number): MemberFigures {
  let f = EMPTY;
  sales.slice(0, folded).forEach((s, k) => {
    f = figuresAfterSale(
      f,
      { terminalId: 'T1', seq: k + 1, createdAt: s.at, businessDay: '', totalCents: 100 },
      s.rows.map((r) => ({ ...r, programId: 'p', ruleId: 'r' })),
      ZONE,
    );
  });
  return f;
}

/** What the server's tier job computes from the ledger rows (ledger-jobs.ts: earning 'points' rows). */
function serverTier(sales: readonly Sale[], at: number) {
  const earned = sales.flatMap((s) =>
    s.rows
      .filter((r) => r.account === 'points' && r.amount > 0)
      .map((r) => ({ created_at: s.at, amount: r.amount, unit: r.unit })),
  );
  const l = { program: DEMO_TIERS, ladder: LADDER, currency: 'points' };
  const tier = tierOf({ counters: EMPTY.counters }, l, earned, at, ZONE);
  const qualifying = computeTier(
    LADDER,
    earned
      .filter((r) => r.unit === 'points')
      .map((r) => ({ at: r.created_at, points: r.amount, spendCents: 0 })),
    at,
    ZONE,
  ).qualifying;
  return { tier, qualifying };
}

const Y2025 = Date.UTC(2025, 0, 1);
const Y2027 = Date.UTC(2027, 0, 1);
const saleArb = fc.record({
  at: fc.integer({ min: Y2025 - 40 * 86_400_000, max: Y2027 }),
  rows: fc.array(
    fc.record({
      account: fc.constantFrom('points', 'points', 'points', 'stamps:coffee'),
      unit: fc.constantFrom('points', 'points', 'stars'),
      amount: fc.integer({ min: -300, max: 900 }),
    }),
    { maxLength: 4 },
  ),
});

describe('tier progress on a points ladder (the demo’s Bonvoy-style calendar-year ladder)', () => {
  it('property: server figures + this till’s unsynced sales give what the server’s tier job computes over all the rows', () => {
    fc.assert(
      fc.property(
        fc.array(saleArb, { maxLength: 30 }),
        fc.nat(),
        fc.integer({ min: Y2025, max: Y2027 }),
        (all, cut, now) => {
          // The clock is after every sale (a till never rings up a sale in the future).
          const sales = [...all].sort((a, b) => a.at - b.at).filter((s) => s.at <= now);
          const folded = sales.length === 0 ? 0 : cut % (sales.length + 1);
          const figures = server(sales, folded);
          const member = memberDoc({
            memberId: 'M',
            ...figures,
            // The server's tier as its job left it over the rows it had folded.
            tier: serverTier(sales.slice(0, folded), now).tier,
          });
          const unsynced: UnsyncedSale[] = sales.map((s, k) => ({
            terminalId: 'T1',
            seq: k + 1,
            createdAt: s.at,
            loyalty: { memberId: 'M', ledger: s.rows },
          }));
          const shown = tierProgressOf(member, PROGRAMS, store, now, { unsynced });
          const expected = serverTier(sales, now);
          const rank = LADDER.levels.findIndex((l) => l.name === expected.tier);
          const upcoming = LADDER.levels[rank + 1];
          expect(shown).toMatchObject({
            kind: 'progress',
            basis: 'points',
            next: upcoming
              ? { tier: upcoming.name, remaining: Math.max(0, upcoming.threshold - expected.qualifying) }
              : null,
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: earned by month is the same whatever order the sales are folded in, and keeps 24 months', () => {
    fc.assert(
      fc.property(fc.array(saleArb, { maxLength: 25 }), (sales) => {
        const sorted = [...sales].sort((a, b) => a.at - b.at);
        const a = server(sorted, sorted.length).counters.earnedByMonth ?? {};
        const b = server([...sorted].reverse(), sorted.length).counters.earnedByMonth ?? {};
        expect(b).toEqual(a);
        for (const months of Object.values(a)) expect(Object.keys(months).length).toBeLessThanOrEqual(24);
      }),
    );
  });

  it('the basket’s points show as “after this sale”, up to the tier they reach', () => {
    const now = Date.UTC(2026, 10, 25, 11);
    // 700 earned in March, 150 spent (not counted), 100 stars (another currency); 200 last year.
    const sales: Sale[] = [
      { at: Date.UTC(2025, 11, 31, 23, 30), rows: [{ account: 'points', unit: 'points', amount: 200 }] },
      { at: Date.UTC(2026, 2, 3), rows: [{ account: 'points', unit: 'points', amount: 700 }] },
      {
        at: Date.UTC(2026, 2, 4),
        rows: [
          { account: 'points', unit: 'points', amount: -150 },
          { account: 'points', unit: 'stars', amount: 100 },
        ],
      },
    ];
    const member = memberDoc({ memberId: 'M', ...server(sales, 3), tier: 'Member' });
    // 23:30 UTC on 31 December is 00:30 on 1 January in Amsterdam: 900 this year.
    expect(member.counters.earnedByMonth).toEqual({
      points: { '2026-01': 200, '2026-03': 700 },
      stars: { '2026-03': 100 },
    });
    const basket = { ledger: [{ account: 'points', unit: 'points', amount: 150 }], totalCents: 1500 };
    expect(tierProgressOf(member, PROGRAMS, store, now, { basket })).toEqual({
      kind: 'progress',
      basis: 'points',
      unit: 'points',
      tier: 'Member',
      next: { tier: 'Silver', remaining: 100, progressBp: 9_000 },
      afterSale: { tier: 'Silver', next: { tier: 'Gold', remaining: 1_950, progressBp: 250 } },
    });
  });

  it('a replica from before the figure (no earned-by-month) says so instead of guessing', () => {
    const old = memberDoc({ memberId: 'M', lifetimeEarned: 500 });
    expect(tierProgressOf(old, PROGRAMS, store, Date.UTC(2026, 5, 1))).toEqual({
      kind: 'unknown',
      reason: 'points-history-not-replicated',
    });
  });
});
