import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../core/rules/index';
import { basket, ctx, line, member, program, run } from './support/builders';

const b = basket([line('a', 'jacket', 8000, { category: 'apparel' })]);
const fixed = (id: string, points: number, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Bonus ${id}`,
  then: [{ type: 'points-fixed', points }],
  ...extra,
});

describe('stacking', () => {
  it('best of a group: the bigger discount wins and the trace says why the other did not apply', () => {
    const r = run(
      [
        {
          id: 'pct',
          name: '25% off apparel',
          group: 'apparel',
          then: [{ type: 'percent-off', percent: 25 }],
        },
        { id: 'amt', name: '€30 off', group: 'apparel', then: [{ type: 'amount-off', amountCents: 3000 }] },
      ],
      b,
    );
    expect(r.totals.discountCents).toBe(3000);
    expect(r.trace).toContainEqual({
      programId: 'p',
      ruleId: 'pct',
      outcome: 'outranked',
      text: 'Not applied: 25% off apparel — €30 off is worth more',
      message: { code: 'outranked', params: { rule: '25% off apparel', winner: '€30 off' } },
    });
  });

  it('an exclusive rule stops lower-priority rules of its program', () => {
    const r = run([fixed('high', 10, { priority: 5, exclusive: true }), fixed('low', 20)], b);
    expect(r.points).toEqual({ points: 10 });
    expect(r.trace.find((t) => t.ruleId === 'low')?.outcome).toBe('excluded');
  });
});

describe('limits', () => {
  it('per member per day, per calendar year and lifetime come from the member’s counters', () => {
    const rules = [
      fixed('day', 1, { limits: { perMemberPerDay: 2 } }),
      fixed('year', 2, { limits: { perMemberPerYear: 3 } }),
      fixed('life', 4, { limits: { perMemberLifetime: 5 } }),
    ];
    const counters = {
      'p/day': { lifetime: 9, byDay: { '2026-11-25': 2 } },
      'p/year': { lifetime: 9, byDay: { '2026-01-03': 2, '2026-11-24': 1, '2025-12-31': 4 } },
      'p/life': { lifetime: 5 },
    };
    const r = run(rules, b, member({ counters }));
    expect(r.points).toEqual({});
    expect(r.trace.map((t) => t.outcome)).toEqual(['limit-reached', 'limit-reached', 'limit-reached']);
    expect(r.trace.map((t) => t.text)).toContain('Not applied: Bonus day — already used 2 time(s) today');
    const fresh = run(
      rules,
      b,
      member({ counters: { 'p/day': { lifetime: 1, byDay: { '2026-11-24': 2 } } } }),
    );
    expect(fresh.points).toEqual({ points: 7 });
    expect(fresh.usage.map((u) => u.counterKey)).toEqual(['p/day', 'p/life', 'p/year']);
    expect(fresh.usage[0]?.day).toBe('2026-11-25');
  });

  it('a rule with member limits does not apply without a member', () => {
    const r = run(
      [
        {
          id: 'x',
          name: 'Once',
          limits: { perMemberLifetime: 1 },
          then: [{ type: 'percent-off', percent: 10 }],
        },
      ],
      b,
      null,
    );
    expect(r.totals.discountCents).toBe(0);
    expect(r.trace[0]?.text).toBe('Not applied: Once — members only');
  });

  it('per transaction caps repeating effects', () => {
    const r = run(
      [
        {
          id: 'i',
          name: 'Per item',
          limits: { perTransaction: 3 },
          then: [{ type: 'points-per-item', points: 10, on: { skus: ['cola'] } }],
        },
      ],
      basket([line('c', 'cola', 100, { quantity: 5 })]),
    );
    expect(r.points).toEqual({ points: 30 });
  });
});

describe('program eligibility', () => {
  const one = [fixed('r', 1)];
  it('only active programs run', () => {
    expect(run(one, b, member(), {}, { status: 'paused' }).points).toEqual({});
  });

  it('validity window is store-local, from inclusive, until exclusive', () => {
    const extra = { validity: { from: '2026-11-25T12:00', until: '2026-11-26' } };
    expect(run(one, b, member(), {}, extra).points).toEqual({ points: 1 }); // 12:00 exactly
    expect(run(one, b, member(), { at: Date.UTC(2026, 10, 25, 10, 59) }, extra).points).toEqual({});
    expect(run(one, b, member(), { at: Date.UTC(2026, 10, 25, 22, 59) }, extra).points).toEqual({
      points: 1,
    }); // 23:59
    expect(run(one, b, member(), { at: Date.UTC(2026, 10, 25, 23, 0) }, extra).points).toEqual({}); // 00:00 on the 26th
  });

  it('scope: a soft launch in one region', () => {
    const extra = { scope: { regions: ['nl-north'] } };
    expect(run(one, b, member(), {}, extra).points).toEqual({ points: 1 });
    expect(run(one, b, member(), { region: 'nl-south' }, extra).points).toEqual({});
  });

  it('audience: tiers, segments, new members, opted-in only', () => {
    expect(run(one, b, member({ tier: 'Gold' }), {}, { audience: { tiers: ['Gold'] } }).points).toEqual({
      points: 1,
    });
    expect(run(one, b, member(), {}, { audience: { segments: ['plus'] } }).points).toEqual({});
    expect(run(one, b, member({ optedIn: false }), {}, { audience: { optedInOnly: true } }).points).toEqual(
      {},
    );
    const newbie = member({ enrolledAt: Date.UTC(2026, 10, 20, 12) });
    expect(run(one, b, newbie, {}, { audience: { newMembersWithinDays: 7 } }).points).toEqual({ points: 1 });
    expect(run(one, b, member(), {}, { audience: { newMembersWithinDays: 7 } }).points).toEqual({});
  });

  it('rules without an event condition run on purchases only', () => {
    const rules = [
      fixed('purchase', 1),
      fixed('review', 50, { when: { type: 'event', events: ['review'] } }),
    ];
    expect(run(rules, basket([]), member(), { event: { type: 'review' } }).points).toEqual({ points: 50 });
    expect(run(rules, b, member()).points).toEqual({ points: 1 });
  });
});

describe('best of multipliers', () => {
  it('scores multipliers on the base points of the basket, so the bigger one wins', () => {
    const r = run(
      [
        {
          id: 'earn',
          name: 'Points per euro',
          then: [{ type: 'points-per-amount', points: 1, perCents: 100, rounding: 'down' }],
        },
        { id: 'a-app', name: 'App 1.5×', group: 'boost', then: [{ type: 'points-multiplier', factor: 1.5 }] },
        {
          id: 'b-weekend',
          name: 'Weekend 2×',
          group: 'boost',
          then: [{ type: 'points-multiplier', factor: 2 }],
        },
      ],
      b, // €80 → 80 base
    );
    expect(r.points).toEqual({ points: 160 });
    expect(r.trace.find((t) => t.outcome === 'outranked')?.ruleId).toBe('a-app');
  });
});

describe('program versions', () => {
  it('when two versions of one program are present, only the newest runs', () => {
    const v1 = program([fixed('r', 10)]);
    const v2 = program([fixed('r', 20)], { version: 2 });
    const r = evaluate([v2, v1], b, member(), ctx());
    expect(r.points).toEqual({ points: 20 });
    expect(r.programs).toEqual([{ id: 'p', version: 2 }]);
  });
});
