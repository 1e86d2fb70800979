import { describe, expect, it } from 'vitest';
import {
  compareShiftTotals,
  openShiftEvents,
  shiftTotals,
  type ShiftEventLike,
} from '../../../../core/folds/shift-totals';
import { spendEntryId, returnEntryId, SPEND_PROGRAM_ID } from '../../../../core/loyalty/spend-ids';

const earn = (id: string, amount: number) => ({ id, account: 'points', amount, programId: 'prog-1' });
const spend = (id: string, amount: number) => ({
  id,
  account: 'points',
  amount,
  programId: SPEND_PROGRAM_ID,
});

// A cash sale of 12.40 paid with 20.00 (7.60 change), 5 points earned.
const cashSale: ShiftEventLike = {
  id: 'S1',
  type: 'sale',
  seq: 1,
  totalCents: 1240,
  payments: [{ method: 'cash', amountCents: 1240, tenderedCents: 2000, changeCents: 760 }],
  loyalty: { ledger: [earn('S1/base', 5), { ...earn('S1/stamp', 1), account: 'stamps:coffee' }] },
};
// 30.00: 10.00 in points (200 points), 15.00 by card, 5.00 on a gift card; 3 points earned.
const mixedSale: ShiftEventLike = {
  id: 'S2',
  type: 'sale',
  seq: 2,
  totalCents: 3000,
  payments: [
    { method: 'points', amountCents: 1000 },
    { method: 'card', amountCents: 1500 },
    { method: 'gift-card', amountCents: 500 },
  ],
  loyalty: { ledger: [earn('S2/base', 3), spend(spendEntryId('S2', 'tender', 'points'), -200)] },
};
// The cash sale partly returned: 4.00 back in cash, 2 earned points taken back.
const cashReturn: ShiftEventLike = {
  id: 'R1',
  type: 'return',
  seq: 4,
  totalCents: 400,
  refunds: [{ method: 'cash', amountCents: 400 }],
  loyalty: { ledger: [earn(returnEntryId('R1', 'clawback', 'prog-1@1/base'), -2)] },
};
// The mixed sale's points part returned: 100 points credited back, 5.00 in points.
const pointsReturn: ShiftEventLike = {
  id: 'R2',
  type: 'return',
  seq: 5,
  totalCents: 500,
  refunds: [{ method: 'points', amountCents: 500 }],
  loyalty: { ledger: [spend(returnEntryId('R2', 'recredit', 'tender'), 100)] },
};
const override: ShiftEventLike = { id: 'O1', type: 'manager-override', seq: 3 };

describe('shift totals', () => {
  it('adds up sales, returns, tenders net of refunds, points issued and redeemed, and the cash the drawer should hold', () => {
    const fold = shiftTotals([cashSale, mixedSale, override, cashReturn, pointsReturn], 10000);
    expect(fold.totals).toEqual({
      sales: { count: 2, totalCents: 4240 },
      returns: { count: 2, totalCents: 900 },
      tenders: [
        { tender: 'cash', cents: 840 },
        { tender: 'card', cents: 1500 },
        { tender: 'points', cents: 500 },
        { tender: 'gift-card', cents: 500 },
      ],
      points: { issued: 6, redeemed: 100 },
    });
    // float 100.00 + 20.00 handed over − 7.60 change − 4.00 refunded
    expect(fold).toMatchObject({ cashInCents: 2000, cashOutCents: 1160, expectedCashCents: 10840 });
  });

  it('a shift with nothing sold expects the float back', () => {
    expect(shiftTotals([override], 5000)).toMatchObject({ expectedCashCents: 5000, totals: { tenders: [] } });
  });

  it('the order of the events does not change the totals (the server folds them in its own order)', () => {
    const a = shiftTotals([cashSale, mixedSale, cashReturn, pointsReturn], 0);
    const b = shiftTotals([pointsReturn, cashReturn, mixedSale, cashSale], 0);
    expect(b).toEqual(a);
  });

  it('a sale missing at the server shows as a difference in every field it counted', () => {
    const till = shiftTotals([cashSale, mixedSale], 0).totals;
    const server = shiftTotals([cashSale], 0).totals;
    expect(compareShiftTotals(till, server)).toEqual([
      { field: 'sales.count', till: 2, server: 1 },
      { field: 'sales.totalCents', till: 4240, server: 1240 },
      { field: 'points.issued', till: 8, server: 5 },
      { field: 'points.redeemed', till: 200, server: 0 },
      { field: 'tender.card', till: 1500, server: 0 },
      { field: 'tender.points', till: 1000, server: 0 },
      { field: 'tender.gift-card', till: 500, server: 0 },
    ]);
    expect(compareShiftTotals(till, till)).toEqual([]);
  });

  it('the open shift starts after the last shift-close', () => {
    const close: ShiftEventLike = { id: 'Z1', type: 'shift-close', seq: 3 };
    const open = openShiftEvents([cashSale, mixedSale, close, cashReturn, pointsReturn]);
    expect(open.firstSeq).toBe(4);
    expect(open.events.map((e) => e.id)).toEqual(['R1', 'R2']);
    expect(openShiftEvents([cashSale]).firstSeq).toBe(1);
  });
});
