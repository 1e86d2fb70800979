// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SaleEvent } from '../../../../core/journal';
import type { Evaluation } from '../../../../core/rules';
import { applyLocale } from '../../../../renderer/src/i18n';
import { LoyaltySummary } from '../../../../renderer/src/features/members/LoyaltySummary';
import { receiptOf } from '../../../../renderer/src/features/receipt/receipt';
import { ReceiptView } from '../../../../renderer/src/features/receipt/ReceiptView';
import { basket, line, run } from '../../core/rules/support/builders';

afterEach(() => {
  cleanup();
  applyLocale('en-GB');
});

const plain = (s: string | null) => s?.replace(/\u00a0|\u202f/g, ' ') ?? null;
const texts = (testId: string) => screen.queryAllByTestId(testId).map((e) => plain(e.textContent));

const rules = [
  {
    id: 'base',
    name: 'Punten per euro',
    then: [{ type: 'points-per-amount', points: 1, perCents: 100, rounding: 'down' }],
  },
  { id: 'x2', name: 'Dubbele punten', then: [{ type: 'points-multiplier', factor: 2 }] },
  {
    id: 'big',
    name: 'Grote boodschappen',
    when: { type: 'basket-total', minCents: 2500 },
    then: [{ type: 'points-fixed', points: 100 }],
  },
];
const evaluation: Evaluation = run(rules, basket([line('a', 'kaas', 2050)]), undefined, { locale: 'nl-NL' });

describe('a Dutch till says the loyalty lines in Dutch', () => {
  it('the live panel: points, trace lines and the nearest hint', () => {
    applyLocale('nl-NL');
    render(<LoyaltySummary evaluation={evaluation} locale="nl-NL" />);
    expect(texts('loyalty-earns')).toEqual(['+40 punten']);
    expect(texts('trace-line')).toEqual(['+20 punten — Punten per euro', '2× punten (+20) — Dubbele punten']);
    expect(texts('loyalty-hint')).toEqual([
      'Tip: Besteed nog € 4,50 voor 100 extra punten — Grote boodschappen',
    ]);
  });

  it('follows the store’s language when HQ changes it (nothing said before is kept)', () => {
    applyLocale('nl-NL');
    const view = render(<LoyaltySummary evaluation={evaluation} locale="nl-NL" />);
    expect(texts('trace-line')[1]).toBe('2× punten (+20) — Dubbele punten');
    applyLocale('ro-RO');
    view.rerender(<LoyaltySummary evaluation={evaluation} locale="ro-RO" />);
    expect(texts('loyalty-earns')).toEqual(['+40 de puncte']);
    expect(texts('trace-line')).toEqual([
      '+20 de puncte — Punten per euro',
      '2× puncte (+20) — Dubbele punten',
    ]);
  });

  it('the receipt: points earned with their reasons and the hint', () => {
    applyLocale('nl-NL');
    const sale = {
      id: 'sale-1',
      seq: 1,
      createdAt: Date.UTC(2026, 10, 25, 11),
      currency: 'EUR',
      lines: [],
      subtotalCents: 2050,
      discountCents: 0,
      totalCents: 2050,
      payments: [{ method: 'card', amountCents: 2050 }],
      loyalty: null,
      flags: [],
      donations: [],
    } as unknown as SaleEvent;
    const store = { name: 'Kassa Demo', locale: 'nl-NL', timeZone: 'Europe/Amsterdam' };
    const receipt = receiptOf(sale, evaluation, store, { name: 'J. de V…', balance: undefined });
    render(<ReceiptView receipt={receipt} locale="nl-NL" onClose={() => undefined} />);
    expect(texts('receipt-points')).toEqual(['+40 punten']);
    expect(texts('receipt-reason')).toEqual([
      '+20 punten — Punten per euro',
      '2× punten (+20) — Dubbele punten',
    ]);
    expect(texts('receipt-hint')).toEqual([
      'Tip: Besteed nog € 4,50 voor 100 extra punten — Grote boodschappen',
    ]);
  });

  it('an English till shows the engine’s sentences, and a line of a newer engine its text', () => {
    applyLocale('en-IE');
    const newer = {
      ...evaluation,
      trace: [
        ...evaluation.trace,
        {
          programId: 'p',
          ruleId: 'streak',
          outcome: 'applied',
          text: '+5 points — 7-day streak',
          message: { code: 'points-streak', params: { points: 5 } },
        },
      ],
    } as unknown as Evaluation;
    render(<LoyaltySummary evaluation={newer} locale="en-IE" />);
    expect(texts('trace-line')).toEqual([
      '+20 points — Punten per euro',
      '2× points (+20) — Dubbele punten',
      '+5 points — 7-day streak',
    ]);
  });
});
