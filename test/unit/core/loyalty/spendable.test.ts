import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BalanceAccount, LocalLoyaltyEvent } from '../../../../core/loyalty/balance-rule';
import { SPEND_PROGRAM_ID } from '../../../../core/loyalty/spend-ids';
import { pendingProgramIds, redeemablePoints } from '../../../../core/loyalty/spendable';
import { compileProgram, parseProgram } from '../../../../core/rules/index';

const T = 'till-1';
const OTHER = 'till-2';
const RETURNS = 'fashion'; // a program with a return window: its points are pending for a while
const PENDING = new Set([RETURNS]);

type Row = { account: string; amount: number; programId: string };
const event = (seq: number, rows: Row[], memberId = 'm1', terminalId = T): LocalLoyaltyEvent => ({
  terminalId,
  seq,
  loyalty: { memberId, ledger: rows },
});
const earn = (programId: string, amount: number): Row => ({ account: 'points', amount, programId });
const spend = (amount: number): Row => ({ account: 'points', amount: -amount, programId: SPEND_PROGRAM_ID });

const redeemable = (
  account: BalanceAccount,
  events: LocalLoyaltyEvent[],
  reservedPoints = 0,
  pendingPrograms: ReadonlySet<string> = PENDING,
) => redeemablePoints({ account, memberId: 'm1', terminalId: T, events, pendingPrograms, reservedPoints });

describe('redeemablePoints', () => {
  const account: BalanceAccount = { balance: 1000, appliedThrough: { [T]: 1 } };

  it('counts points earned here, but not those of a program with a return window', () => {
    const events = [
      event(1, [earn('grocery', 999)]), // already in the balance
      event(2, [earn('grocery', 40), earn(RETURNS, 300)]),
      event(3, [earn(RETURNS, 200), { account: 'stamps:coffee', amount: 1, programId: 'coffee' }]),
    ];
    expect(redeemable(account, events)).toBe(1040);
    // Without a return window the same points are spendable at once.
    expect(redeemable(account, events, 0, new Set())).toBe(1540);
  });

  it('always subtracts what was spent here, also against a pending program’s points', () => {
    const events = [event(2, [earn(RETURNS, 500), spend(300)]), event(3, [spend(100)])];
    expect(redeemable(account, events)).toBe(600);
  });

  it('subtracts what the open basket reserves, and never goes below zero', () => {
    expect(redeemable(account, [], 250)).toBe(750);
    expect(redeemable(account, [], 1000)).toBe(0);
    expect(redeemable(account, [], 5000)).toBe(0);
    expect(redeemable({ balance: -40, appliedThrough: {} }, [])).toBe(0);
  });

  it('ignores another terminal’s events and another member’s', () => {
    const events = [
      event(5, [earn('grocery', 70)], 'm1', OTHER),
      event(6, [spend(900)], 'm1', OTHER),
      event(7, [earn('grocery', 80)], 'm2'),
    ];
    expect(redeemable(account, events)).toBe(1000);
  });

  it('reads a one-shot iterable of events once (a generator from the journal)', () => {
    function* journal() {
      yield event(2, [earn('grocery', 10)]);
      yield event(3, [earn(RETURNS, 10)]);
    }
    expect(
      redeemablePoints({
        account,
        memberId: 'm1',
        terminalId: T,
        events: journal(),
        pendingPrograms: PENDING,
        reservedPoints: 0,
      }),
    ).toBe(1010);
  });

  it('is never more than the shown balance minus what is reserved, and never negative', () => {
    const rowArb = fc.record({
      account: fc.constantFrom('points', 'stamps:coffee'),
      amount: fc.integer({ min: -500, max: 500 }),
      programId: fc.constantFrom('grocery', RETURNS, SPEND_PROGRAM_ID),
    });
    const eventArb = fc.record({
      seq: fc.integer({ min: 1, max: 20 }),
      terminalId: fc.constantFrom(T, OTHER),
      rows: fc.array(rowArb, { maxLength: 4 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: -100, max: 5000 }),
        fc.integer({ min: 0, max: 10 }),
        fc.array(eventArb, { maxLength: 12 }),
        fc.integer({ min: 0, max: 3000 }),
        (balance, applied, evs, reserved) => {
          const acc = { balance, appliedThrough: { [T]: applied } };
          const events = evs.map((e) => event(e.seq, e.rows, 'm1', e.terminalId));
          const got = redeemable(acc, events, reserved);
          const withoutPending = redeemable(acc, events, reserved, new Set());
          expect(got).toBeGreaterThanOrEqual(0);
          expect(got).toBeLessThanOrEqual(withoutPending);
        },
      ),
    );
  });
});

describe('pendingProgramIds', () => {
  it('names the programs with a return window, compiled or not', () => {
    const program = (id: string, pendingDays?: number) => {
      const r = parseProgram({
        id,
        version: 1,
        name: id,
        kind: 'points',
        status: 'active',
        ...(pendingDays === undefined ? {} : { pendingDays }),
        rules: [{ id: 'earn', name: 'Earn', then: [{ type: 'points-fixed', points: 1 }] }],
      });
      if (!r.ok) throw new Error(r.message);
      return r.value;
    };
    const ids = pendingProgramIds([
      program('grocery'),
      program('fashion', 30),
      compileProgram(program('shoes', 14)),
      program('now', 0),
    ]);
    expect([...ids].sort()).toEqual(['fashion', 'shoes']);
  });
});
