import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { programDocId, type ProgramDoc } from '../../../../core/loyalty/program-doc';
import { createProgramCompiler } from '../../../../renderer/src/features/members/sale-loyalty';
import { tierProgressOf } from '../../../../renderer/src/features/members/tier-progress';
import { memberDoc } from './fixtures';

const doc = (program: Record<string, unknown>): ProgramDoc => ({
  docId: programDocId(program.id as string, program.version as number),
  programId: program.id as string,
  version: program.version as number,
  program,
  publishedAt: 0,
  serverSeq: 1,
  _deleted: false,
});
const compile = (...programs: Record<string, unknown>[]) =>
  createProgramCompiler().compile(programs.map(doc));

const DEMO_TIERS = JSON.parse(readFileSync('sync-server/programs/demo/tier-ladder.json', 'utf8')) as Record<
  string,
  unknown
>;
/** The demo ladder on spend instead of points: €100 Silver, €300 Gold, rolling 365 days. */
const SPEND_TIERS = {
  ...DEMO_TIERS,
  id: 'spend-tiers',
  tiers: {
    basis: 'spend-cents',
    window: { type: 'rolling', days: 365 },
    levels: [
      { name: 'Member', threshold: 0 },
      { name: 'Silver', threshold: 10_000 },
      { name: 'Gold', threshold: 30_000 },
    ],
  },
};
const store = { storeId: 'store-demo-ams', timeZone: 'Europe/Amsterdam' };
const NOW = Date.UTC(2026, 5, 15, 12);
const DAY = 86_400_000;
const visits = (...spend: [daysAgo: number, cents: number][]) =>
  spend.map(([d, spendCents]) => ({ at: NOW - d * DAY, spendCents }));
const member = (tier: string | null, v: ReturnType<typeof visits>) =>
  memberDoc({
    memberId: '01JT1ER0000000000000000000',
    tier,
    counters: { purchaseCount: v.length, visits: v, rules: {}, stamps: {}, challenges: {}, badges: [] },
  });

describe('progress to the next tier in the member panel', () => {
  it('a spend ladder: what is left to spend in the window, and how far along the member is', () => {
    // €60 + €90 in the window, €500 more than a year ago (outside it): €150 qualifying, Silver.
    const m = member('Silver', visits([10, 6_000], [200, 9_000], [400, 50_000]));
    expect(tierProgressOf(m, compile(SPEND_TIERS), store, NOW)).toEqual({
      kind: 'progress',
      basis: 'spend-cents',
      tier: 'Silver',
      // To Gold (€300): €150 left, (150 − 100) / (300 − 100) = 25 %.
      next: { tier: 'Gold', remaining: 15_000, progressBp: 2_500 },
    });
  });

  it('a tier the server kept (last year’s window) is the one the next level is counted from', () => {
    const m = member('Gold', visits([10, 1_000]));
    expect(tierProgressOf(m, compile(SPEND_TIERS), store, NOW)).toMatchObject({ tier: 'Gold', next: null });
    const newcomer = member(null, visits([1, 2_500]));
    expect(tierProgressOf(newcomer, compile(SPEND_TIERS), store, NOW)).toMatchObject({
      next: { tier: 'Silver', remaining: 7_500, progressBp: 2_500 },
    });
  });

  it('a points ladder (the demo’s) cannot be shown: the points earned in the window are not replicated', () => {
    expect(tierProgressOf(member('Gold', []), compile(DEMO_TIERS), store, NOW)).toEqual({
      kind: 'unknown',
      reason: 'points-history-not-replicated',
    });
  });

  it('no ladder in the store’s programs, or one scoped to another store: nothing to show', () => {
    expect(tierProgressOf(member(null, []), [], store, NOW)).toBeNull();
    expect(
      tierProgressOf(
        member(null, []),
        compile({ ...SPEND_TIERS, scope: { stores: ['elsewhere'] } }),
        store,
        NOW,
      ),
    ).toBeNull();
  });
});
