import { describe, expect, it } from 'vitest';
import type { SaleEvent } from '../../../../core/journal';
import { POINTS_TENDER_RULE, SPEND_PROGRAM_ID, spendEntryId } from '../../../../core/loyalty/spend-ids';
import { receiptOf } from '../../../../renderer/src/features/receipt/receipt';
import { saleV5 } from '../../core/journal/sale-fixtures';

const STORE = { name: 'Kassa Demo Amsterdam', locale: 'nl-NL', timeZone: 'Europe/Amsterdam' };
const row = (id: string, amount: number, programId: string, ruleId: string, text: string) => ({
  id,
  account: 'points',
  unit: 'points',
  amount,
  programId,
  programVersion: 1,
  ruleId,
  text,
});

/** A member's sale that earned 10 stars, redeemed "€2.00 off" for 200 and paid 300 stars (€3.00). */
function spendingSale(): SaleEvent {
  const base = saleV5();
  return {
    ...base,
    loyalty: {
      memberId: 'm-42',
      provisionalCard: null,
      programs: [{ programId: 'demo-stars', version: 2 }],
      ledger: [
        row(
          `${base.id}/demo-stars@2/earn/0/points`,
          10,
          'demo-stars',
          'earn',
          '+10 points — 2 points per euro',
        ),
        row(
          spendEntryId(base.id, 'reward', 'r1'),
          -200,
          SPEND_PROGRAM_ID,
          'reward:two-off',
          '€2.00 off your shopping',
        ),
        row(
          spendEntryId(base.id, 'tender', 'points'),
          -300,
          SPEND_PROGRAM_ID,
          POINTS_TENDER_RULE,
          'Paid with points',
        ),
      ],
    },
  };
}

describe('the receipt of a sale that spent points', () => {
  it('says what it earned apart from what it spent, and names each reward redeemed with its cost', () => {
    const { loyalty } = receiptOf(spendingSale(), null, STORE);
    expect(loyalty.pointsEarned).toBe(10);
    // The points payment is a tender line, not a reward: it is not listed twice.
    expect(loyalty.redeemed).toEqual([{ text: '€2.00 off your shopping', points: 200 }]);
  });

  it('lists nothing redeemed for a sale that only earned', () => {
    const sale = spendingSale();
    const earnedOnly = { ...sale, loyalty: { ...sale.loyalty!, ledger: sale.loyalty!.ledger.slice(0, 1) } };
    expect(receiptOf(earnedOnly, null, STORE).loyalty).toMatchObject({ pointsEarned: 10, redeemed: [] });
  });
});
