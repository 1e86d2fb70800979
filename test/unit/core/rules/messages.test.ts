import { describe, expect, it } from 'vitest';
import {
  EFFECT_TYPES,
  LIMIT_REASONS,
  MESSAGE_CODES,
  NEAR_MISS_KINDS,
  TRACE_OUTCOMES,
  type Effect,
  type Evaluation,
  type LimitReason,
  type LoyaltyMessage,
  type Member,
  type MessageCode,
} from '../../../../core/rules/index';
import { basket, line, member, run } from './support/builders';

/**
 * Every trace line and hint the engine can emit carries a message: a code the till knows and its
 * parameters. Each table below is keyed by a kind the engine has (effect types, trace outcomes,
 * limit reasons, near-miss kinds); a kind added to the engine without a scenario here fails the
 * "covers every …" test, and a code no scenario emits fails the last one.
 */

const ON = { categories: ['coffee'] };
const coffee = (id: string, quantity = 1, unitPriceCents = 300) =>
  line(id, 'coffee', unitPriceCents, { category: 'coffee', quantity });
const cup = basket([coffee('a', 3)]); // €9.00, 3 coffees

interface Scenario {
  rules: unknown[];
  basket?: ReturnType<typeof basket>;
  member?: Member | null;
  program?: Record<string, unknown>;
  /** The codes of the scenario's applied trace lines, in order. */
  codes: MessageCode[];
}

const rule = (then: unknown, extra: Record<string, unknown> = {}) => ({
  id: 'r',
  name: 'The rule',
  then: [then],
  ...extra,
});
const base = {
  id: 'base',
  name: 'Base',
  then: [{ type: 'points-per-amount', points: 1, perCents: 100, rounding: 'down' }],
};

const effectScenarios: Record<Effect['type'], Scenario[]> = {
  'points-per-amount': [
    {
      rules: [rule({ type: 'points-per-amount', points: 1, perCents: 100, rounding: 'down' })],
      codes: ['points'],
    },
  ],
  'points-per-item': [
    { rules: [rule({ type: 'points-per-item', points: 5, on: ON })], codes: ['points-per-item'] },
  ],
  'points-fixed': [{ rules: [rule({ type: 'points-fixed', points: 50 })], codes: ['points'] }],
  'points-multiplier': [
    { rules: [base, rule({ type: 'points-multiplier', factor: 2 })], codes: ['points', 'points-multiplier'] },
  ],
  'tier-multiplier': [
    {
      rules: [base, rule({ type: 'tier-multiplier', factors: { Gold: 1.5 } })],
      member: member({ tier: 'Gold' }),
      codes: ['points', 'tier-multiplier'],
    },
  ],
  'percent-off': [{ rules: [rule({ type: 'percent-off', percent: 10 })], codes: ['discount-percent'] }],
  'amount-off': [{ rules: [rule({ type: 'amount-off', amountCents: 200 })], codes: ['discount-amount'] }],
  'fixed-price': [
    { rules: [rule({ type: 'fixed-price', priceCents: 250, on: ON })], codes: ['discount-fixed-price'] },
  ],
  'cheapest-free': [
    { rules: [rule({ type: 'cheapest-free', on: ON, every: 3 })], codes: ['discount-cheapest-free'] },
  ],
  'buy-x-get-y': [
    { rules: [rule({ type: 'buy-x-get-y', on: ON, buy: 2, get: 1 })], codes: ['discount-buy-get'] },
    {
      rules: [rule({ type: 'buy-x-get-y', on: ON, buy: 2, get: 1, percent: 50 })],
      codes: ['discount-buy-get-percent'],
    },
  ],
  'bundle-price': [
    {
      rules: [rule({ type: 'bundle-price', items: [{ on: ON, quantity: 2 }], priceCents: 500 })],
      codes: ['discount-bundle'],
    },
  ],
  'issue-coupon': [
    {
      rules: [rule({ type: 'issue-coupon', coupon: 'next5', name: '€5 off', validDays: 30 })],
      codes: ['coupon-issued'],
    },
  ],
  stamp: [
    {
      rules: [
        rule({
          type: 'stamp',
          card: 'coffee',
          on: ON,
          required: 10,
          reward: { rewardId: 'free', name: 'Free coffee' },
        }),
      ],
      codes: ['stamps-added'],
    },
    {
      rules: [
        rule({
          type: 'stamp',
          card: 'coffee',
          on: ON,
          required: 10,
          reward: { rewardId: 'free', name: 'Free coffee' },
        }),
      ],
      member: member({ stamps: { coffee: 8 } }),
      codes: ['stamp-card-unlocked'],
    },
    {
      rules: [
        rule({
          type: 'stamp',
          card: 'coffee',
          on: ON,
          required: 10,
          reward: { rewardId: 'free', name: 'Free coffee', in: 'this-visit' },
        }),
      ],
      member: member({ stamps: { coffee: 8 } }),
      codes: ['stamp-card-free'],
    },
    {
      rules: [
        rule({
          type: 'stamp',
          card: 'coffee',
          on: ON,
          required: 10,
          reward: { coupon: 'free-coffee', name: 'Free coffee', validDays: 14 },
        }),
      ],
      member: member({ stamps: { coffee: 8 } }),
      codes: ['stamp-card-coupon'],
    },
  ],
  challenge: [
    {
      rules: [
        rule({ type: 'challenge', challenge: 'runs', badge: 'Runner', target: 5, measure: 'transactions' }),
      ],
      codes: ['challenge-progress'],
    },
    {
      rules: [
        rule({ type: 'challenge', challenge: 'runs', badge: 'Runner', target: 5, measure: 'transactions' }),
      ],
      member: member({ challenges: { runs: 4 } }),
      codes: ['badge-earned'],
    },
  ],
  'round-up-donation': [
    {
      rules: [rule({ type: 'round-up-donation', cause: 'Voedselbank', toCents: 1000 })],
      basket: basket([coffee('a', 1, 934)]),
      codes: ['donation-round-up'],
    },
  ],
  'points-donation': [
    {
      rules: [rule({ type: 'points-donation', cause: 'Voedselbank', points: 10 })],
      codes: ['donation-points'],
    },
  ],
  'item-donation': [
    {
      rules: [rule({ type: 'item-donation', cause: 'One for one', on: ON, perItems: 1 })],
      codes: ['donation-items'],
    },
  ],
  'reward-unlock': [
    {
      rules: [rule({ type: 'reward-unlock', rewardId: 'mug', name: 'Kassa mug' })],
      codes: ['reward-unlocked'],
    },
  ],
};

const evaluate = (s: Scenario): Evaluation =>
  run(s.rules, s.basket ?? cup, s.member === undefined ? member() : s.member, {}, s.program);

const emitted = new Set<string>();
const seen = (m: LoyaltyMessage) => {
  emitted.add(m.code);
  if (m.code === 'points-capped') seen(m.params.line);
  return m.code;
};

describe('structured trace messages', () => {
  it('covers every effect type the engine has', () => {
    expect(Object.keys(effectScenarios).sort()).toEqual([...EFFECT_TYPES].sort());
  });

  for (const [type, scenarios] of Object.entries(effectScenarios)) {
    it(`${type}: each applied line carries a known code beside its English text`, () => {
      for (const s of scenarios) {
        const r = evaluate(s);
        const applied = r.trace.filter((t) => t.outcome === 'applied');
        expect(applied.map((t) => seen(t.message))).toEqual(s.codes);
        for (const t of applied) {
          expect(MESSAGE_CODES).toContain(t.message.code);
          expect(t.text.length).toBeGreaterThan(0);
        }
        // The applied effect carries the same message as its trace line.
        expect(r.effects.map((e) => e.message)).toEqual(applied.map((t) => t.message));
      }
    });
  }

  it('gives numbers and money as typed parameters, names as HQ wrote them', () => {
    const multiplied = evaluate(effectScenarios['tier-multiplier'][0] as Scenario);
    expect(multiplied.trace.map((t) => t.message)).toEqual([
      { code: 'points', params: { points: 9, unit: 'points', rule: 'Base' } },
      {
        code: 'tier-multiplier',
        params: { points: 4, unit: 'points', factor: 1.5, tier: 'Gold', rule: 'The rule' },
      },
    ]);
    const free = evaluate(effectScenarios.stamp[2] as Scenario);
    expect(free.trace[0]?.message).toEqual({
      code: 'stamp-card-free',
      params: {
        reward: 'Free coffee',
        times: 1,
        amount: { cents: 300, currency: 'EUR' },
        onCard: 1,
        required: 10,
        rule: 'The rule',
      },
    });
    const coupon = evaluate(effectScenarios['issue-coupon'][0] as Scenario);
    expect(coupon.trace[0]?.message).toEqual({
      code: 'coupon-issued',
      params: { name: '€5 off', until: '2026-12-25', rule: 'The rule' },
    });
  });
});

const twice = { perMemberPerDay: 2, perMemberPerYear: 5, perMemberLifetime: 9 };
const limited = (limits: Record<string, number>) =>
  rule({ type: 'points-fixed', points: 10 }, { id: 'lim', limits });
const used = (byDay: Record<string, number>, lifetime: number) =>
  member({ counters: { 'p/lim': { lifetime, byDay } } });

const limitScenarios: Record<
  LimitReason,
  { rules: unknown[]; member: Member | null; message: LoyaltyMessage }
> = {
  'per-member-per-day': {
    rules: [limited(twice)],
    member: used({ '2026-11-25': 2 }, 2),
    message: { code: 'limit-per-day', params: { rule: 'The rule', times: 2 } },
  },
  'per-member-per-year': {
    rules: [limited(twice)],
    member: used({ '2026-03-01': 5 }, 5),
    message: { code: 'limit-per-year', params: { rule: 'The rule', times: 5 } },
  },
  'per-member-lifetime': {
    rules: [limited(twice)],
    member: used({}, 9),
    message: { code: 'limit-lifetime', params: { rule: 'The rule', times: 9 } },
  },
  'member-required': {
    rules: [limited(twice)],
    member: null,
    message: { code: 'limit-members-only', params: { rule: 'The rule' } },
  },
};

describe('structured messages of rules that did not apply', () => {
  it('covers every limit reason', () => {
    expect(Object.keys(limitScenarios).sort()).toEqual([...LIMIT_REASONS].sort());
    for (const s of Object.values(limitScenarios)) {
      const r = run(s.rules, cup, s.member);
      expect(r.trace.map((t) => [t.outcome, seen(t.message)])).toEqual([['limit-reached', s.message.code]]);
      expect(r.trace[0]?.message).toEqual(s.message);
    }
  });

  const outcomeScenarios: Record<(typeof TRACE_OUTCOMES)[number], () => Evaluation> = {
    applied: () => evaluate(effectScenarios['points-fixed'][0] as Scenario),
    'limit-reached': () => run([limited(twice)], cup, null),
    outranked: () =>
      run(
        [
          rule({ type: 'percent-off', percent: 10 }, { id: 'small', name: 'Small', group: 'g' }),
          rule({ type: 'percent-off', percent: 20 }, { id: 'big', name: 'Big', group: 'g' }),
        ],
        cup,
      ),
    excluded: () =>
      run(
        [
          rule(
            { type: 'points-fixed', points: 5 },
            { id: 'first', name: 'First', priority: 9, exclusive: true },
          ),
          rule({ type: 'points-fixed', points: 5 }, { id: 'second', name: 'Second' }),
        ],
        cup,
      ),
    capped: () =>
      run(
        [
          rule({ type: 'points-fixed', points: 80 }, { id: 'a', name: 'Eighty' }),
          rule({ type: 'points-fixed', points: 50 }, { id: 'b', name: 'Fifty' }),
        ],
        cup,
        member(),
        {},
        { bonusCap: { perTransaction: 100 } },
      ),
  };

  it('covers every trace outcome', () => {
    expect(Object.keys(outcomeScenarios).sort()).toEqual([...TRACE_OUTCOMES].sort());
    for (const [outcome, make] of Object.entries(outcomeScenarios)) {
      const lines = make().trace.filter((t) => t.outcome === outcome);
      expect(lines.length, outcome).toBeGreaterThan(0);
      for (const t of lines) expect(MESSAGE_CODES).toContain(seen(t.message));
    }
  });

  it('names who won, who stopped it, and what the bonus cap cut', () => {
    expect(outcomeScenarios.outranked().trace.find((t) => t.outcome === 'outranked')?.message).toEqual({
      code: 'outranked',
      params: { rule: 'Small', winner: 'Big' },
    });
    expect(outcomeScenarios.excluded().trace.find((t) => t.outcome === 'excluded')?.message).toEqual({
      code: 'excluded',
      params: { rule: 'Second', by: 'First' },
    });
    const capped = outcomeScenarios.capped().trace.map((t) => t.message);
    capped.forEach(seen);
    expect(capped).toEqual([
      { code: 'points', params: { points: 80, unit: 'points', rule: 'Eighty' } },
      {
        code: 'points-capped',
        params: {
          points: 20,
          line: { code: 'points', params: { points: 50, unit: 'points', rule: 'Fifty' } },
        },
      },
      { code: 'bonus-capped', params: { cap: 100, points: 30, unit: 'points', program: 'Test' } },
    ]);
  });
});

/** A rule just out of reach: €25 (spend €4.50 more on €20.50) or 3 coffees (add 1 more on 2). */
const spendWhen = { type: 'basket-total', minCents: 2500 };
const itemsWhen = { type: 'lines', match: ON, minQuantity: 3 };
const rewards: Record<string, { then: unknown; params: Record<string, unknown> }> = {
  points: { then: { type: 'points-fixed', points: 100 }, params: { points: 100, unit: 'points' } },
  percent: { then: { type: 'percent-off', percent: 10 }, params: { percent: 10 } },
  'amount-off': {
    then: { type: 'amount-off', amountCents: 500 },
    params: { off: { cents: 500, currency: 'EUR' } },
  },
  reward: {
    then: { type: 'reward-unlock', rewardId: 'mug', name: 'Kassa mug' },
    params: { reward: 'Kassa mug' },
  },
  rule: { then: { type: 'points-per-item', points: 1, on: ON }, params: {} },
};
const shortfalls = {
  spend: {
    when: spendWhen,
    basket: basket([coffee('a', 1, 2050)]),
    params: { amount: { cents: 450, currency: 'EUR' } },
  },
  items: { when: itemsWhen, basket: basket([coffee('a', 2)]), params: { items: 1 } },
} as const;
const to = { spend: 'spend-for', items: 'items-for' } as const;

describe('structured near-miss hints', () => {
  it('covers every near-miss kind', () => {
    expect(Object.keys(shortfalls).sort()).toEqual([...NEAR_MISS_KINDS].sort());
  });

  for (const kind of NEAR_MISS_KINDS) {
    for (const [reward, r] of Object.entries(rewards)) {
      it(`${kind}, rewarding ${reward}: ${to[kind]}-${reward}`, () => {
        const s = shortfalls[kind];
        const result = run([rule(r.then, { when: s.when })], s.basket);
        expect(result.nearMisses).toHaveLength(1);
        const hint = result.nearMisses[0]!;
        expect(seen(hint.message)).toBe(`${to[kind]}-${reward}`);
        expect(hint.message.params).toEqual({ ...s.params, ...r.params, rule: 'The rule' });
      });
    }
  }

  it('a reward named like its rule is said once: the rule', () => {
    const r = run(
      [rule({ type: 'reward-unlock', rewardId: 'mug', name: 'The rule' }, { when: spendWhen })],
      shortfalls.spend.basket,
    );
    expect(r.nearMisses[0]?.message.code).toBe('spend-for-rule');
    expect(r.nearMisses[0]?.text).toBe('Spend €4.50 more for The rule');
  });
});

describe('message codes', () => {
  it('every code on the list is one the engine emits in a scenario above, and nothing else', () => {
    // Runs last (vitest keeps file order): the scenarios above filled `emitted`.
    expect([...emitted].sort()).toEqual([...MESSAGE_CODES].sort());
  });
});
