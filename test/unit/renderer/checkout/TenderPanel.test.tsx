// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cents } from '../../../../core/money';
import { TenderPanel } from '../../../../renderer/src/features/checkout/TenderPanel';
import { applyLocale, i18n } from '../../../../renderer/src/i18n';

afterEach(() => {
  cleanup();
  applyLocale('en-GB');
});

const panel = (locale: string, currency = 'EUR') => {
  const onComplete = vi.fn(async () => true);
  const onError = vi.fn();
  render(
    <TenderPanel
      total={cents(1337)}
      currency={currency}
      locale={locale}
      busy={false}
      onComplete={onComplete}
      onError={onError}
    />,
  );
  return { onComplete, onError };
};
const type = (text: string) =>
  fireEvent.change(screen.getByTestId('tendered-amount'), { target: { value: text } });
const change = () => screen.getByTestId('change-due').textContent;

describe('tender panel on a Dutch till', () => {
  it('speaks Dutch and takes "1.000,00" as a thousand euros', async () => {
    applyLocale('nl-NL');
    const { onComplete } = panel('nl-NL');
    expect(screen.getByTestId('tender-cash').textContent).toBe('Contant');
    expect(screen.getByTestId('tender-card').textContent).toBe('Pin');
    expect(screen.getByTestId('complete-sale').textContent).toBe('Afrekenen');
    type('1.000,00');
    expect(change()).toBe('€\u00a0986,63');
    expect(screen.queryByTestId('tendered-amount-problem')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('complete-sale')));
    expect(onComplete).toHaveBeenCalledWith([
      {
        method: 'cash',
        amountCents: 1337,
        tenderedCents: 100_000,
        changeCents: 100_000 - 1337,
      },
    ]);
  });

  it('says how to type an amount it cannot read, and does not take it', async () => {
    applyLocale('nl-NL');
    const { onComplete, onError } = panel('nl-NL');
    type('12.50');
    expect(change()).toBe('—');
    expect(screen.getByTestId('tendered-amount-problem').textContent).toBe('Typ het bedrag als 1.000,00.');
    await act(async () => fireEvent.click(screen.getByTestId('complete-sale')));
    expect(onComplete).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith({ key: 'tender.amount.ambiguous', values: { example: '1.000,00' } });
  });

  it('fills a quick-cash amount in the store’s format', () => {
    applyLocale('nl-NL');
    panel('nl-NL');
    fireEvent.click(screen.getByTestId('quick-cash-2000'));
    expect((screen.getByTestId('tendered-amount') as HTMLInputElement).value).toBe('20,00');
    expect(change()).toBe('€\u00a06,63');
  });
});

describe('tender panel elsewhere', () => {
  it('reads "1,000.00" on a British till and "1.000,00" on a Romanian one', () => {
    panel('en-GB', 'GBP');
    expect(screen.getByTestId('tender-cash').textContent).toBe('Cash');
    type('1,000.00');
    expect(change()).toBe('£986.63');
    cleanup();

    applyLocale('ro-RO');
    panel('ro-RO', 'RON');
    expect(screen.getByTestId('tender-cash').textContent).toBe('Numerar');
    expect(screen.getByText('Rest')).toBeTruthy();
    type('1.000,00');
    expect(change()).toBe('986,63\u00a0RON');
  });

  it('changes language on screen when the store’s locale changes', () => {
    applyLocale('nl-NL');
    panel('nl-NL');
    expect(screen.getByTestId('complete-sale').textContent).toBe('Afrekenen');
    act(() => {
      applyLocale('ro-RO');
    });
    expect(i18n.language).toBe('ro');
    expect(screen.getByTestId('complete-sale').textContent).toBe('Încasează');
  });
});
