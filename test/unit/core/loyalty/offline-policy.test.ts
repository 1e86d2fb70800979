import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { saleV5Schema } from '../../../../core/journal';
import {
  checkGiftCardSpend,
  checkPointsRedemption,
  overdraftWithinCap,
  spentToday,
  type SpentToday,
} from '../../../../core/loyalty/offline-policy';
import { SPEND_PROGRAM_ID, spendEntryId } from '../../../../core/loyalty/spend-ids';
import { DEFAULT_OFFLINE_POLICY, type OfflinePolicy } from '../../../../core/store/store-policy';
import { saleV5 } from '../journal/sale-fixtures';

const T = 'T1';
const DAY = '2026-11-25';
const NOTHING: SpentToday = { memberPoints: 0, tillPoints: 0, cardCents: 0, tillCardCents: 0 };
const MIN = 60_000;

/** A sale doc of till `terminalId` that spent `points` of `memberId` and `cardCents` of gift card `code`. */
function spendingSale(o: {
  memberId: string;
  points: number;
  day?: string;
  terminalId?: string;
  seq?: number;
  code?: string;
  cardCents?: number;
}): Record<string, unknown> {
  const id = `sale-${o.seq ?? 1}`;
  return {
    type: 'sale',
    schemaVersion: 5,
    id,
    seq: o.seq ?? 1,
    terminalId: o.terminalId ?? T,
    businessDay: o.day ?? DAY,
    loyalty: {
      memberId: o.memberId,
      ledger: [
        // Earned on the same sale: not spending.
        { id: `${id}/earn`, account: 'points', amount: 12, programId: 'earn', programVersion: 1 },
        ...(o.points > 0
          ? [
              {
                id: spendEntryId(id, 'tender', 't1'),
                account: 'points',
                amount: -o.points,
                programId: SPEND_PROGRAM_ID,
                programVersion: 1,
                ruleId: 'points-tender',
              },
            ]
          : []),
      ],
    },
    payments: [
      { method: 'cash', amountCents: 100 },
      ...(o.code && o.cardCents ? [{ method: 'gift-card', amountCents: o.cardCents, code: o.code }] : []),
    ],
  };
}

function transfer(fromMemberId: string, points: number, seq: number): Record<string, unknown> {
  return {
    type: 'points-transfer',
    schemaVersion: 1,
    seq,
    terminalId: T,
    businessDay: DAY,
    fromMemberId,
    toMemberId: 'someone-else',
    points,
    loyalty: {
      memberId: fromMemberId,
      ledger: [{ account: 'points', amount: -points, programId: SPEND_PROGRAM_ID }],
    },
    receiver: { memberId: 'someone-else', ledger: [{ account: 'points', amount: points }] },
  };
}

describe('spentToday', () => {
  it('sums this till’s spends on the day: the member’s, the till’s, the card’s', () => {
    const events = [
      spendingSale({ memberId: 'm1', points: 300, seq: 1, code: 'GC1', cardCents: 1500 }),
      spendingSale({ memberId: 'm2', points: 200, seq: 2, code: 'GC2', cardCents: 700 }),
      transfer('m1', 50, 3),
      spendingSale({ memberId: 'm1', points: 1000, seq: 4, day: '2026-11-24', code: 'GC1', cardCents: 99 }), // yesterday
      spendingSale({ memberId: 'm1', points: 1000, seq: 5, terminalId: 'T2', code: 'GC1', cardCents: 99 }), // other till
    ];
    expect(
      spentToday(events, { terminalId: T, businessDay: DAY, memberId: 'm1', giftCardCode: 'GC1' }),
    ).toEqual({
      memberPoints: 350,
      tillPoints: 550,
      cardCents: 1500,
      tillCardCents: 2200,
    });
    // No member, no card: only the till's totals.
    expect(spentToday(events, { terminalId: T, businessDay: DAY })).toEqual({
      memberPoints: 0,
      tillPoints: 550,
      cardCents: 0,
      tillCardCents: 2200,
    });
  });

  it('reads a schema-valid v5 sale and adds nothing for older or odd docs', () => {
    const v5 = saleV5({
      loyalty: {
        memberId: 'm1',
        provisionalCard: null,
        programs: [],
        ledger: [
          {
            id: spendEntryId('s', 'reward', 'r1'),
            account: 'points',
            unit: 'points',
            amount: -250,
            programId: SPEND_PROGRAM_ID,
            programVersion: 1,
            ruleId: 'reward:r1',
            text: 'Koffie',
          },
        ],
      },
      payments: [{ method: 'gift-card', amountCents: 504, code: 'GC1' }],
    });
    expect(saleV5Schema.safeParse(v5).success).toBe(true);
    const odd = [
      null,
      42,
      'sale',
      { type: 'sale', schemaVersion: 1, terminalId: 'T1', businessDay: DAY, memberId: 'm1', payments: [] },
      {
        type: 'sale',
        terminalId: 'T1',
        businessDay: DAY,
        loyalty: { memberId: 'm1', ledger: 'x' },
        payments: {},
      },
      {
        type: 'sale',
        terminalId: 'T1',
        businessDay: DAY,
        loyalty: { memberId: 'm1', ledger: [null, { amount: -5 }] },
      },
      // A return's negative rows take points back; they are not spending.
      {
        type: 'return',
        terminalId: 'T1',
        businessDay: DAY,
        loyalty: { memberId: 'm1', ledger: [{ account: 'points', amount: -80 }] },
      },
    ];
    expect(
      spentToday([v5, ...odd], { terminalId: 'T1', businessDay: DAY, memberId: 'm1', giftCardCode: 'GC1' }),
    ).toEqual({
      memberPoints: 250,
      tillPoints: 250,
      cardCents: 504,
      tillCardCents: 504,
    });
  });
});

describe('checkPointsRedemption', () => {
  const policy: OfflinePolicy = {
    ...DEFAULT_OFFLINE_POLICY,
    memberDailyPoints: 1000,
    staleMemberDailyPoints: 300,
    tillDailyPoints: 1500,
  };
  const fresh = 5 * MIN;
  const stale = (policy.staleAfterMinutes + 1) * MIN;

  it('says which cap, its limit, what was spent today and what was asked', () => {
    const spent = { ...NOTHING, memberPoints: 800, tillPoints: 1400 };
    expect(
      checkPointsRedemption({ policy, online: false, replicaAgeMs: fresh, requested: 200, spent }),
    ).toEqual({
      ok: false,
      reason: 'till-cap',
      limit: 1500,
      alreadyToday: 1400,
      requested: 200,
    });
    expect(
      checkPointsRedemption({ policy, online: false, replicaAgeMs: fresh, requested: 201, spent }),
    ).toEqual({
      ok: false,
      reason: 'member-cap',
      limit: 1000,
      alreadyToday: 800,
      requested: 201,
    });
    expect(
      checkPointsRedemption({ policy, online: false, replicaAgeMs: fresh, requested: 100, spent }),
    ).toEqual({ ok: true });
  });

  it('applies the lower cap to a stale or never-pulled replica', () => {
    const spent = { ...NOTHING, memberPoints: 250 };
    for (const replicaAgeMs of [stale, null]) {
      expect(checkPointsRedemption({ policy, online: false, replicaAgeMs, requested: 100, spent })).toEqual({
        ok: false,
        reason: 'stale-member-cap',
        limit: 300,
        alreadyToday: 250,
        requested: 100,
      });
    }
    // Exactly at the threshold is still fresh.
    const atThreshold = policy.staleAfterMinutes * MIN;
    expect(
      checkPointsRedemption({ policy, online: false, replicaAgeMs: atThreshold, requested: 100, spent }).ok,
    ).toBe(true);
  });

  const policyArb = fc.record({
    memberDailyPoints: fc.integer({ min: 0, max: 5000 }),
    tillDailyPoints: fc.integer({ min: 0, max: 20000 }),
    staleAfterMinutes: fc.integer({ min: 1, max: 48 * 60 }),
    staleMemberDailyPoints: fc.integer({ min: 0, max: 5000 }),
    giftCardDailyCents: fc.integer({ min: 0, max: 50000 }),
    tillGiftCardDailyCents: fc.integer({ min: 0, max: 100000 }),
    returnOverdraftPoints: fc.constant(0),
  });
  const ageArb = fc.option(fc.integer({ min: 0, max: 4 * 24 * 60 * MIN }), { nil: null });

  it('no sequence of offline redemptions at one till exceeds the member or the till cap on any day', () => {
    const attempt = fc.record({
      member: fc.integer({ min: 0, max: 3 }),
      points: fc.integer({ min: 1, max: 3000 }),
      day: fc.constantFrom('2026-11-25', '2026-11-26'),
      age: ageArb,
      asTransfer: fc.boolean(),
    });
    fc.assert(
      fc.property(policyArb, fc.array(attempt, { maxLength: 40 }), (p, attempts) => {
        const journal: Record<string, unknown>[] = [];
        // Counted here independently of spentToday: what was let through, per day and member.
        const accepted = new Map<string, number>();
        const add = (k: string, n: number) => accepted.set(k, (accepted.get(k) ?? 0) + n);
        for (const [i, a] of attempts.entries()) {
          const memberId = `m${a.member}`;
          const spent = spentToday(journal, { terminalId: T, businessDay: a.day, memberId });
          const verdict = checkPointsRedemption({
            policy: p,
            online: false,
            replicaAgeMs: a.age,
            requested: a.points,
            spent,
          });
          if (!verdict.ok) {
            expect(verdict.alreadyToday + verdict.requested).toBeGreaterThan(verdict.limit);
            continue;
          }
          const staleNow = a.age === null || a.age > p.staleAfterMinutes * MIN;
          const cap = staleNow
            ? Math.min(p.staleMemberDailyPoints, p.memberDailyPoints)
            : p.memberDailyPoints;
          expect((accepted.get(`${a.day}/${memberId}`) ?? 0) + a.points).toBeLessThanOrEqual(cap);
          add(`${a.day}/${memberId}`, a.points);
          add(a.day, a.points);
          journal.push(
            a.asTransfer
              ? { ...transfer(memberId, a.points, i + 1), businessDay: a.day }
              : spendingSale({ memberId, points: a.points, day: a.day, seq: i + 1 }),
          );
        }
        for (const [key, total] of accepted) {
          expect(total).toBeLessThanOrEqual(key.includes('/') ? p.memberDailyPoints : p.tillDailyPoints);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the cap shrinks with replica age: what an older replica may spend, a younger one may too', () => {
    const spentArb = fc.record({
      memberPoints: fc.integer({ min: 0, max: 6000 }),
      tillPoints: fc.integer({ min: 0, max: 20000 }),
      cardCents: fc.constant(0),
      tillCardCents: fc.constant(0),
    });
    fc.assert(
      fc.property(
        policyArb,
        spentArb,
        fc.integer({ min: 1, max: 6000 }),
        ageArb,
        ageArb,
        (p, spent, requested, a, b) => {
          // null (never pulled) is the oldest of all.
          const [younger, older] = a === null || (b !== null && b < a) ? [b, a] : [a, b];
          const olderOk = checkPointsRedemption({
            policy: p,
            online: false,
            replicaAgeMs: older,
            requested,
            spent,
          }).ok;
          const youngerOk = checkPointsRedemption({
            policy: p,
            online: false,
            replicaAgeMs: younger,
            requested,
            spent,
          }).ok;
          expect(!olderOk || youngerOk).toBe(true);
          // Beyond the threshold the stale cap holds, even when a store typed it above the fresh one.
          const beyond = checkPointsRedemption({
            policy: p,
            online: false,
            replicaAgeMs: p.staleAfterMinutes * MIN + 1,
            requested,
            spent,
          });
          if (beyond.ok)
            expect(spent.memberPoints + requested).toBeLessThanOrEqual(
              Math.min(p.staleMemberDailyPoints, p.memberDailyPoints),
            );
        },
      ),
    );
  });

  it('online is never capped', () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        ageArb,
        (p, requested, already, age) => {
          const spent = {
            memberPoints: already,
            tillPoints: already,
            cardCents: already,
            tillCardCents: already,
          };
          expect(
            checkPointsRedemption({ policy: p, online: true, replicaAgeMs: age, requested, spent }),
          ).toEqual({ ok: true });
          expect(checkGiftCardSpend({ policy: p, online: true, requestedCents: requested, spent })).toEqual({
            ok: true,
          });
        },
      ),
    );
  });
});

describe('checkGiftCardSpend', () => {
  const policy: OfflinePolicy = {
    ...DEFAULT_OFFLINE_POLICY,
    giftCardDailyCents: 5000,
    tillGiftCardDailyCents: 8000,
  };

  it('caps a card per day and the till per day, offline', () => {
    const spent = { ...NOTHING, cardCents: 4000, tillCardCents: 7500 };
    expect(checkGiftCardSpend({ policy, online: false, requestedCents: 1001, spent })).toEqual({
      ok: false,
      reason: 'card-cap',
      limit: 5000,
      alreadyToday: 4000,
      requested: 1001,
    });
    expect(checkGiftCardSpend({ policy, online: false, requestedCents: 600, spent })).toEqual({
      ok: false,
      reason: 'till-card-cap',
      limit: 8000,
      alreadyToday: 7500,
      requested: 600,
    });
    expect(checkGiftCardSpend({ policy, online: false, requestedCents: 500, spent })).toEqual({ ok: true });
  });

  it('no sequence of offline card spends at one till exceeds the card or the till cap', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ card: fc.constantFrom('GC1', 'GC2', 'GC3'), cents: fc.integer({ min: 1, max: 6000 }) }),
          { maxLength: 30 },
        ),
        (spends) => {
          const journal: Record<string, unknown>[] = [];
          const perCard = new Map<string, number>();
          let till = 0;
          for (const [i, s] of spends.entries()) {
            const spent = spentToday(journal, { terminalId: T, businessDay: DAY, giftCardCode: s.card });
            if (!checkGiftCardSpend({ policy, online: false, requestedCents: s.cents, spent }).ok) continue;
            perCard.set(s.card, (perCard.get(s.card) ?? 0) + s.cents);
            till += s.cents;
            journal.push(
              spendingSale({ memberId: 'm1', points: 0, seq: i + 1, code: s.card, cardCents: s.cents }),
            );
          }
          for (const total of perCard.values()) expect(total).toBeLessThanOrEqual(5000);
          expect(till).toBeLessThanOrEqual(8000);
        },
      ),
    );
  });
});

describe('overdraftWithinCap', () => {
  const policy: OfflinePolicy = { ...DEFAULT_OFFLINE_POLICY, memberDailyPoints: 1000 };

  it('allows what the other offline tills could each have spent, and one cap for a single till', () => {
    expect(overdraftWithinCap({ policy, overdraftPoints: 2000, tills: 3 })).toBe(true);
    expect(overdraftWithinCap({ policy, overdraftPoints: 2001, tills: 3 })).toBe(false);
    expect(overdraftWithinCap({ policy, overdraftPoints: 1000, tills: 1 })).toBe(true);
    expect(overdraftWithinCap({ policy, overdraftPoints: 1001, tills: 2 })).toBe(false);
    expect(overdraftWithinCap({ policy, overdraftPoints: 0, tills: 0 })).toBe(true);
  });

  it('every overdraft n capped tills can make from one balance is within the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 5000 }), (tills, balance) => {
        // Each till, offline and knowing only `balance`, lets the member spend as much as it can.
        const perTill = Math.min(balance, policy.memberDailyPoints);
        const overdraftPoints = tills * perTill - balance;
        expect(overdraftWithinCap({ policy, overdraftPoints, tills })).toBe(true);
      }),
    );
  });
});
