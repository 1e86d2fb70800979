// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Tender } from '../../../../core/journal';
import { cents } from '../../../../core/money';
import { TenderPanel } from '../../../../renderer/src/features/checkout/TenderPanel';
import { splitPayments } from '../../../../renderer/src/features/checkout/tender';
import { applyLocale } from '../../../../renderer/src/i18n';
import { PointsTenderField } from '../../../../renderer/src/features/spend/PointsTenderField';

afterEach(() => {
  cleanup();
  applyLocale('en-GB');
});

const points: Tender = { method: 'points', amountCents: 500, points: 500 };
const gift: Tender = { method: 'gift-card', amountCents: 1000, code: '98260000000001123456' };

describe('splitPayments', () => {
  it('takes the points first and the rest in cash, with the change on the cash', () => {
    const r = splitPayments({
      dueCents: cents(1337),
      spend: [points],
      rest: 'cash',
      tenderedCents: cents(1000),
    });
    expect(r.ok && r.value).toEqual([
      points,
      { method: 'cash', amountCents: 837, tenderedCents: 1000, changeCents: 163 },
    ]);
  });

  it('takes a gift card and the rest by card', () => {
    const r = splitPayments({ dueCents: cents(1337), spend: [gift], rest: 'card', tenderedCents: null });
    expect(r.ok && r.value).toEqual([gift, { method: 'card', amountCents: 337 }]);
  });

  it('needs nothing else when the points pay it all, and refuses points that pay more than is due', () => {
    const all = splitPayments({ dueCents: cents(500), spend: [points], rest: 'cash', tenderedCents: null });
    expect(all.ok && all.value).toEqual([points]);
    const over = splitPayments({ dueCents: cents(400), spend: [points], rest: 'card', tenderedCents: null });
    expect(over.ok ? null : over.reason).toBe('over-tendered');
  });

  it('still wants the cash handed over for what the points leave', () => {
    const r = splitPayments({
      dueCents: cents(1337),
      spend: [points],
      rest: 'cash',
      tenderedCents: cents(800),
    });
    expect(r.ok ? null : r.reason).toBe('not-enough-cash');
  });
});

describe('tender panel with points on the sale', () => {
  it('shows what is still to pay and gives change on that, not on the whole total', async () => {
    const onComplete = vi.fn(async () => true);
    render(
      <TenderPanel
        total={cents(1337)}
        currency="EUR"
        locale="en-IE"
        busy={false}
        spendTenders={[points]}
        onComplete={onComplete}
        onError={vi.fn()}
      />,
    );
    expect(screen.getByTestId('tender-rest').getAttribute('data-cents')).toBe('837');
    fireEvent.change(screen.getByTestId('tendered-amount'), { target: { value: '10' } });
    expect(screen.getByTestId('change-due').textContent).toBe('€1.63');
    await act(async () => fireEvent.click(screen.getByTestId('complete-sale')));
    expect(onComplete).toHaveBeenCalledWith([
      points,
      { method: 'cash', amountCents: 837, tenderedCents: 1000, changeCents: 163 },
    ]);
  });
});

describe('points tender field', () => {
  it('pays the points typed, or the points an amount takes at the rate (100 points = €1.00)', async () => {
    const pay = vi.fn(async () => true);
    render(
      <PointsTenderField
        controls={{
          redeemable: 2500,
          rate: { pointsPerUnit: 100, unitCents: 100 },
          tender: null,
          pay,
          clear: vi.fn(),
        }}
        currency="EUR"
        locale="nl-NL"
      />,
    );
    expect(screen.getByTestId('points-redeemable').getAttribute('data-points')).toBe('2500');
    fireEvent.change(screen.getByTestId('points-amount'), { target: { value: '1.600' } });
    await act(async () => fireEvent.click(screen.getByTestId('points-use')));
    expect(pay).toHaveBeenLastCalledWith(1600);
    fireEvent.change(screen.getByTestId('points-amount'), { target: { value: '3,50' } });
    await act(async () => fireEvent.click(screen.getByTestId('points-use-amount')));
    expect(pay).toHaveBeenLastCalledWith(350);
  });
});
