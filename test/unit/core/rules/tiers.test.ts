import { describe, expect, it } from 'vitest';
import { computeTier, tierLadderSchema } from '../../../../core/rules/index';

const ladder = tierLadderSchema.parse({
  basis: 'points',
  window: { type: 'calendar-year' },
  levels: [
    { name: 'Silver', threshold: 0 },
    { name: 'Gold', threshold: 1000 },
    { name: 'Platinum', threshold: 5000 },
  ],
});
const h = (iso: string, points: number, spendCents = 0) => ({ at: Date.parse(iso), points, spendCents });

describe('tiers', () => {
  it('calendar year in the store’s zone: 23:30 UTC on 31 December is already next year in Amsterdam', () => {
    const history = [
      h('2025-12-31T23:30:00Z', 600),
      h('2026-03-01T10:00:00Z', 500),
      h('2025-06-01T10:00:00Z', 9000),
    ];
    const s = computeTier(ladder, history, Date.parse('2026-11-25T11:00:00Z'), 'Europe/Amsterdam');
    expect(s).toEqual({
      tier: 'Gold',
      qualifying: 1100,
      window: { from: '2026-01-01', through: '2026-11-25' },
      next: { tier: 'Platinum', threshold: 5000, remaining: 3900, progressBp: 250 }, // 100 of 4000
    });
  });

  it('rolling window on spend, and no next tier at the top', () => {
    const spendLadder = tierLadderSchema.parse({
      ...ladder,
      basis: 'spend-cents',
      window: { type: 'rolling', days: 30 },
    });
    const history = [
      h('2026-10-27T12:00:00Z', 0, 4000),
      h('2026-10-26T12:00:00Z', 0, 100_000),
      h('2026-11-20T12:00:00Z', 0, 2000),
    ];
    const s = computeTier(spendLadder, history, Date.parse('2026-11-25T11:00:00Z'), 'Europe/Bucharest');
    // 30 days through 25 Nov = from 27 Oct: €40 + €20 = 6000 cents ≥ Platinum's 5000
    expect(s).toMatchObject({
      tier: 'Platinum',
      qualifying: 6000,
      window: { from: '2026-10-27' },
      next: null,
    });
    const gold = computeTier(
      spendLadder,
      [h('2026-11-01T00:00:00Z', 0, 1500)],
      Date.parse('2026-11-25T11:00:00Z'),
      'Europe/Bucharest',
    );
    expect(gold).toMatchObject({
      tier: 'Gold',
      next: { tier: 'Platinum', remaining: 3500, progressBp: 1250 },
    });
  });

  it('returns reduce qualification but never below zero; future entries are ignored', () => {
    const s = computeTier(
      ladder,
      [h('2026-02-01T10:00:00Z', 300), h('2026-02-02T10:00:00Z', -500), h('2026-12-01T10:00:00Z', 9000)],
      Date.parse('2026-11-25T11:00:00Z'),
      'Europe/Amsterdam',
    );
    expect(s).toMatchObject({ tier: 'Silver', qualifying: 0 });
  });

  it('the ladder schema refuses thresholds that do not climb', () => {
    const r = tierLadderSchema.safeParse({
      ...ladder,
      levels: [
        { name: 'A', threshold: 0 },
        { name: 'B', threshold: 0 },
      ],
    });
    expect(r.success).toBe(false);
  });
});
