import { describe, expect, it } from 'vitest';
import {
  spendProblem,
  type JournalEvent,
  type PointsTransferEvent,
  type ReturnEvent,
} from '../../../../core/journal';
import { POINTS_TENDER_RULE, SPEND_PROGRAM_ID } from '../../../../core/loyalty/spend-ids';
import { SALE_ID, saleV5 } from './sale-fixtures';

const row = (id: string, amount: number, programId = SPEND_PROGRAM_ID, ruleId = POINTS_TENDER_RULE) => ({
  id,
  account: 'points',
  unit: 'points',
  amount,
  programId,
  programVersion: 1,
  ruleId,
  text: 'x',
});
const loyalty = (ledger: ReturnType<typeof row>[]) => ({
  memberId: 'm-42',
  provisionalCard: null,
  programs: [],
  ledger,
});
/** The fixture sale (€5.04) paid €3.00 with 300 points and €2.04 in cash, redeeming a 200-point reward. */
const spending = (over: Record<string, unknown> = {}): JournalEvent =>
  saleV5({
    memberId: 'm-42',
    payments: [
      { method: 'points', amountCents: 300, points: 300 },
      { method: 'cash', amountCents: 204 },
    ],
    redemptions: [
      {
        redemptionId: 'r1',
        rewardId: 'two-off',
        rewardVersion: 1,
        kind: 'basket-amount',
        points: 200,
        currency: 'points',
        discountCents: 0,
        source: 'catalogue',
      },
    ],
    loyalty: loyalty([
      row('t', -300),
      row('r', -200, SPEND_PROGRAM_ID, 'reward:two-off'),
      row('e', 10, 'demo-stars', 'earn'),
    ]),
    ...over,
  });

describe('spendProblem: what an event spends agrees with its own ledger rows', () => {
  it('a sale whose points payment and reward each have their negative row agrees', () => {
    expect(spendProblem(spending())).toBeUndefined();
    expect(spendProblem(saleV5())).toBeUndefined();
  });

  it('a points payment without its row, or a reward without its cost, is named with both numbers', () => {
    expect(
      spendProblem(spending({ loyalty: loyalty([row('r', -200, SPEND_PROGRAM_ID, 'reward:two-off')]) })),
    ).toBe(
      `Sale ${SALE_ID} (seq 1): its points payments name 300 points, but its ledger takes 0 points for them.`,
    );
    expect(spendProblem(spending({ loyalty: loyalty([row('t', -300)]) }))).toBe(
      `Sale ${SALE_ID} (seq 1): its rewards cost 200 points, but its ledger takes 0 points for them.`,
    );
  });

  it('a spend row that adds points, or a payment by gift card of minus €1,000, moves value nobody paid for', () => {
    expect(spendProblem(spending({ loyalty: loyalty([row('t', 1_000_000_000)]) }))).toBe(
      `Sale ${SALE_ID} (seq 1): its spend row t adds 1,000,000,000 points; spending only takes points.`,
    );
    const minted = spending({
      payments: [
        { method: 'gift-card', amountCents: -100_000, code: '98260000000001793797' },
        { method: 'cash', amountCents: 100_504 },
      ],
      redemptions: [],
      loyalty: null,
    });
    expect(spendProblem(minted)).toBe(
      `Sale ${SALE_ID} (seq 1): payment 1 by gift-card is -100,000 cents; it must be more than 0.`,
    );
  });

  it('a return gives spent points back and takes earned points back, never the other way', () => {
    const ret = {
      id: 'R1',
      seq: 2,
      type: 'return',
      refunds: [{ method: 'points', amountCents: 100, points: 100 }],
      loyalty: loyalty([row('c', 100), row('k', -20, 'demo-stars', 'earn')]),
    } as unknown as ReturnEvent;
    expect(spendProblem(ret)).toBeUndefined();
    expect(
      spendProblem({ ...ret, loyalty: loyalty([row('c', 100), row('k', 20, 'demo-stars', 'earn')]) }),
    ).toBe('Return R1 (seq 2): row k adds 20 earned points; a return only takes earned points back.');
    expect(spendProblem({ ...ret, loyalty: loyalty([]) })).toBe(
      'Return R1 (seq 2): its points refunds name 100 points, but its ledger gives back 0 points for them.',
    );
  });

  it('a transfer takes from the giver exactly what the receiver gets', () => {
    const transfer = {
      id: 'T1',
      seq: 3,
      type: 'points-transfer',
      fromMemberId: 'm-1',
      toMemberId: 'm-2',
      points: 100,
      loyalty: { ...loyalty([row('f', -100, SPEND_PROGRAM_ID, 'transfer')]), memberId: 'm-1' },
      receiver: { memberId: 'm-2', ledger: [row('t', 100, SPEND_PROGRAM_ID, 'transfer')] },
    } as unknown as PointsTransferEvent;
    expect(spendProblem(transfer)).toBeUndefined();
    expect(
      spendProblem({
        ...transfer,
        loyalty: { ...transfer.loyalty, ledger: [row('f', 100, SPEND_PROGRAM_ID, 'transfer')] },
      }),
    ).toBe(
      'Points transfer T1 (seq 3): it gives 100 points, but its rows take -100 from the giver and give 100 to the receiver.',
    );
    expect(spendProblem({ ...transfer, receiver: { ...transfer.receiver, memberId: 'm-3' } })).toBe(
      'Points transfer T1 (seq 3): its ledger rows name other members than the transfer (from m-1 to m-2).',
    );
  });
});

describe('spendProblem on a leaner shape (a parked event unparked by another registry)', () => {
  it('never throws on a return, sale or transfer without the lists v1 and v5 carry', () => {
    for (const type of ['return', 'sale', 'points-transfer'])
      expect(spendProblem({ id: 'X', seq: 1, type } as unknown as JournalEvent)).toBeUndefined();
  });
});
