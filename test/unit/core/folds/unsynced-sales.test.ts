import { describe, expect, it } from 'vitest';
import type { MemberFigures } from '../../../../core/folds/member-figures';
import { withUnsyncedSales } from '../../../../core/folds/unsynced-sales';

/** The server last folded T1's seq 3 into the member; the till holds seq 4 and 5 unsynced. */
const member: MemberFigures & { memberId: string } = {
  memberId: 'M1',
  balance: 40,
  pendingPoints: 0,
  lifetimeEarned: 40,
  appliedThrough: { T1: 3 },
  counters: { purchaseCount: 3, visits: [], rules: {}, stamps: { coffee: 7 }, challenges: {}, badges: [] },
};
const sale = (seq: number, o: { terminalId?: string; memberId?: string; stamps?: number } = {}) => ({
  type: 'sale',
  terminalId: o.terminalId ?? 'T1',
  seq,
  createdAt: 1000 * seq,
  businessDay: '2026-12-01',
  totalCents: 350,
  loyalty: {
    memberId: o.memberId ?? 'M1',
    provisionalCard: null,
    programs: [],
    ledger: [
      {
        id: `s${seq}`,
        memberId: o.memberId ?? 'M1',
        account: 'stamps:coffee',
        unit: 'stamps',
        amount: o.stamps ?? 1,
        programId: 'demo-coffee-card',
        programVersion: 1,
        ruleId: 'stamp',
        text: 'Coffee card',
      },
    ],
  },
});

describe('the member as of the till’s next sale', () => {
  it('counts this till’s own unsynced sales of the member: purchases, stamps and rule uses', () => {
    const now = withUnsyncedSales(member, 'T1', [sale(5), sale(4)]);
    expect(now.counters).toMatchObject({
      purchaseCount: 5,
      stamps: { coffee: 9 },
      rules: { 'demo-coffee-card/stamp': { lifetime: 2, byDay: { '2026-12-01': 2 } } },
    });
    expect(now.counters.visits.map((v) => v.at)).toEqual([4000, 5000]);
    expect(now.memberId).toBe('M1');
  });

  it('leaves out what the server folded already, other members, other tills and other events', () => {
    const events = [
      sale(3),
      sale(4, { memberId: 'M2' }),
      sale(4, { terminalId: 'T2' }),
      { type: 'enrolment', terminalId: 'T1', seq: 6 },
    ];
    expect(withUnsyncedSales(member, 'T1', events)).toBe(member);
  });
});
