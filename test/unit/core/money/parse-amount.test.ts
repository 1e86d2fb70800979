import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cents, formatMoney } from '../../../../core/money';
import { formatAmountInput, parseAmount } from '../../../../core/money/parse-amount';

const value = (text: string, locale: string, currency = 'EUR') => {
  const r = parseAmount(text, locale, currency);
  return r.ok ? r.value : r.reason;
};

describe('parseAmount: a typed amount in the store’s format', () => {
  it('reads a Dutch till’s amounts', () => {
    expect(value('1.000,00', 'nl-NL')).toBe(100_000);
    expect(value('12,5', 'nl-NL')).toBe(1250);
    expect(value('12', 'nl-NL')).toBe(1200);
    expect(value(' 12,05 ', 'nl-NL')).toBe(1205);
    expect(value('1.234.567,89', 'nl-NL')).toBe(123_456_789);
    expect(value('€ 20,00', 'nl-NL')).toBe(2000);
    expect(value('12,', 'nl-NL')).toBe(1200);
    expect(value(',50', 'nl-NL')).toBe(50);
  });

  it('reads a British and a Romanian till’s amounts', () => {
    expect(value('1,000.00', 'en-GB', 'GBP')).toBe(100_000);
    expect(value('£12.5', 'en-GB', 'GBP')).toBe(1250);
    expect(value('1.000,00', 'ro-RO', 'RON')).toBe(100_000);
    expect(value('12,50 RON', 'ro-RO', 'RON')).toBe(1250);
  });

  it('respects the currency’s minor digits', () => {
    expect(value('1.000', 'nl-NL', 'JPY')).toBe(1000);
    expect(value('1.000,5', 'nl-NL', 'JPY')).toBe('too-many-decimals');
    expect(value('1.234', 'en-GB', 'BHD')).toBe(1234);
    expect(value('1.2345', 'en-GB', 'BHD')).toBe('too-many-decimals');
    expect(value('12,505', 'nl-NL')).toBe('too-many-decimals');
  });

  it('refuses a separator where the store’s format puts none, instead of guessing', () => {
    // On a Dutch till "12.50" is neither twelve and a half nor twelve hundred and fifty.
    expect(value('12.50', 'nl-NL')).toBe('ambiguous');
    expect(value('12.5', 'nl-NL')).toBe('ambiguous');
    expect(value('12,50', 'en-GB', 'GBP')).toBe('ambiguous');
    expect(value('1,000.00', 'nl-NL')).toBe('ambiguous');
    expect(value('1.00.000', 'ro-RO', 'RON')).toBe('ambiguous');
    expect(value('1,2,3', 'nl-NL')).toBe('ambiguous');
    expect(value('.000,00', 'nl-NL')).toBe('ambiguous');
  });

  it('refuses garbage, nothing, negatives and amounts too large to count', () => {
    expect(value('', 'nl-NL')).toBe('empty');
    expect(value('  ', 'nl-NL')).toBe('empty');
    expect(value('€', 'nl-NL')).toBe('empty');
    expect(value('twintig', 'nl-NL')).toBe('not-a-number');
    expect(value('12a', 'nl-NL')).toBe('not-a-number');
    expect(value(',', 'nl-NL')).toBe('not-a-number');
    expect(value('1e5', 'en-GB')).toBe('not-a-number');
    expect(value('-5', 'nl-NL')).toBe('negative');
    expect(value('99999999999999999', 'nl-NL')).toBe('too-large');
  });

  it('gives a readable message with each refusal', () => {
    const r = parseAmount('12.50', 'nl-NL', 'EUR');
    expect(r).toMatchObject({ ok: false, reason: 'ambiguous' });
    if (!r.ok) expect(r.message).toContain('12.50');
  });

  it('writes an amount for the input field the way the store types it', () => {
    expect(formatAmountInput(cents(100_000), 'nl-NL', 'EUR')).toBe('1000,00');
    expect(formatAmountInput(cents(100_000), 'en-GB', 'GBP')).toBe('1000.00');
    expect(formatAmountInput(cents(1000), 'nl-NL', 'JPY')).toBe('1000');
  });
});

describe('parseAmount ∘ format = identity', () => {
  const locales = fc.constantFrom('nl-NL', 'en-GB', 'ro-RO');
  const currencies = fc.constantFrom('EUR', 'RON', 'GBP');
  const amounts = fc.integer({ min: 0, max: 10 ** 11 });

  it('reads back what Intl.NumberFormat writes, with symbol and grouping', () => {
    fc.assert(
      fc.property(locales, currencies, amounts, (locale, currency, amount) => {
        const shown = formatMoney(cents(amount), currency, locale);
        expect(parseAmount(shown, locale, currency)).toEqual({ ok: true, value: amount });
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back a plain number in the store’s format, grouped or not, and the input field’s text', () => {
    fc.assert(
      fc.property(locales, currencies, amounts, fc.boolean(), (locale, currency, amount, useGrouping) => {
        const plain = new Intl.NumberFormat(locale, {
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
          useGrouping,
        }).format(amount / 100);
        expect(parseAmount(plain, locale, currency)).toEqual({ ok: true, value: amount });
        const field = formatAmountInput(cents(amount), locale, currency);
        expect(parseAmount(field, locale, currency)).toEqual({ ok: true, value: amount });
      }),
      { numRuns: 2000 },
    );
  });
});
