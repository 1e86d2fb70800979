import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  shownBalance,
  type BalanceAccount,
  type LocalLoyaltyEvent,
} from '../../../../core/loyalty/balance-rule';

const T = 'till-1';
const OTHER = 'till-2';

const sale = (seq: number, memberId: string | null, points: number, terminalId = T): LocalLoyaltyEvent => ({
  terminalId,
  seq,
  loyalty:
    memberId === null
      ? null
      : {
          memberId,
          ledger: [
            { account: 'points', amount: points },
            // Not points: never part of the balance.
            { account: 'stamps:coffee', amount: 1 },
          ],
        },
});

describe('shownBalance', () => {
  it('adds this till’s events above appliedThrough, for this member only', () => {
    const account: BalanceAccount = { balance: 100, appliedThrough: { [T]: 2, [OTHER]: 9 } };
    const events = [
      sale(1, 'm1', 10), // folded
      sale(2, 'm1', 20), // folded
      sale(3, 'm1', 30),
      sale(4, 'm2', 40), // another member
      sale(5, null, 50), // anonymous
      sale(6, 'm1', 60),
      sale(10, 'm1', 70, OTHER), // not this till's (never in its journal, but never counted)
    ];
    expect(shownBalance(account, 'm1', T, events)).toEqual({ spendable: 190, unsynced: 90 });
  });

  it('counts everything local when the server has folded nothing of this till', () => {
    expect(shownBalance({ balance: 5, appliedThrough: {} }, 'm1', T, [sale(1, 'm1', 7)])).toEqual({
      spendable: 12,
      unsynced: 7,
    });
  });
});

/**
 * A model of one till, its server and a second till. The server folds an event by raising the
 * member's balance and appliedThrough[terminal] together; the till's replica of a member is
 * whatever it last pulled. After every step, for every member: what the till shows = the
 * member's opening balance + the other till's points the pulled copy contains + every point this
 * till has earned for them locally — nothing twice, nothing dropped.
 */
type Step =
  | { kind: 'sale'; member: number | null; points: number }
  | { kind: 'push'; count: number; resendFrom: number }
  | { kind: 'ack' }
  | { kind: 'pull'; member: number }
  | { kind: 'other-till'; member: number; points: number };

const MEMBERS = ['m0', 'm1', 'm2'];

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('sale' as const),
    member: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
    points: fc.integer({ min: -50, max: 500 }),
  }),
  fc.record({
    kind: fc.constant('push' as const),
    count: fc.integer({ min: 1, max: 5 }),
    resendFrom: fc.nat(20),
  }),
  fc.record({ kind: fc.constant('ack' as const) }),
  fc.record({ kind: fc.constant('pull' as const), member: fc.integer({ min: 0, max: 2 }) }),
  fc.record({
    kind: fc.constant('other-till' as const),
    member: fc.integer({ min: 0, max: 2 }),
    points: fc.integer({ min: 0, max: 500 }),
  }),
);

interface ServerAccount extends BalanceAccount {
  balance: number;
  appliedThrough: Record<string, number>;
  /** Model only: how much of `balance` came from the other till. */
  fromOther: number;
}

describe('the balance rule over random interleavings of sales, pushes, acks and pulls', () => {
  it('never counts an entry twice and never drops one', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 80 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 3, maxLength: 3 }),
        (steps, opening) => {
          const server = new Map<string, ServerAccount>(
            MEMBERS.map((m, i) => [m, { balance: opening[i]!, appliedThrough: {}, fromOther: 0 }]),
          );
          const copy = (a: ServerAccount): ServerAccount => ({
            ...a,
            appliedThrough: { ...a.appliedThrough },
          });
          const replica = new Map([...server].map(([m, a]) => [m, copy(a)]));
          const journal: LocalLoyaltyEvent[] = [];
          /** Highest seq of this till the server has accepted (its chain is folded in order). */
          let serverThrough = 0;
          let otherSeq = 0;
          let acked = 0;

          const fold = (e: LocalLoyaltyEvent) => {
            if (!e.loyalty?.memberId) return;
            const a = server.get(e.loyalty.memberId)!;
            for (const entry of e.loyalty.ledger) if (entry.account === 'points') a.balance += entry.amount;
            a.appliedThrough[e.terminalId] = e.seq;
          };

          for (const s of steps) {
            switch (s.kind) {
              case 'sale':
                journal.push(
                  sale(journal.length + 1, s.member === null ? null : MEMBERS[s.member]!, s.points),
                );
                break;
              case 'push': {
                // The chain goes in order; a retry resends events the server has, which accepting
                // ignores (idempotent on the event id), so it folds only what is new.
                const resent = journal.slice(Math.min(s.resendFrom, serverThrough), serverThrough + s.count);
                for (const e of resent) {
                  if (e.seq <= serverThrough) continue;
                  fold(e);
                  serverThrough = e.seq;
                }
                break;
              }
              case 'ack':
                acked = serverThrough; // the till learns what the server has; the rule does not use it
                break;
              case 'pull': {
                const m = MEMBERS[s.member]!;
                replica.set(m, copy(server.get(m)!));
                break;
              }
              case 'other-till': {
                const a = server.get(MEMBERS[s.member]!)!;
                a.balance += s.points;
                a.fromOther += s.points;
                a.appliedThrough[OTHER] = ++otherSeq;
                break;
              }
            }
            MEMBERS.forEach((m, i) => {
              const pulled = replica.get(m)!;
              const earnedHere = journal
                .filter((e) => e.loyalty?.memberId === m)
                .reduce((n, e) => n + e.loyalty!.ledger[0]!.amount, 0);
              expect(shownBalance(pulled, m, T, journal).spendable).toBe(
                opening[i]! + pulled.fromOther + earnedHere,
              );
            });
          }
          expect(acked).toBeLessThanOrEqual(serverThrough);
        },
      ),
      { numRuns: 300 },
    );
  });
});
