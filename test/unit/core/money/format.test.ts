import { describe, expect, it } from 'vitest';
import { cents } from '../../../../core/money/money';
import { formatMoney, minorUnitDigits } from '../../../../core/money/format';

// Intl separates symbol and amount with a no-break space; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('EUR in nl-NL', () => {
    expect(plain(formatMoney(cents(123456), 'EUR', 'nl-NL'))).toBe('€ 1.234,56');
    expect(plain(formatMoney(cents(5), 'EUR', 'nl-NL'))).toBe('€ 0,05');
    expect(plain(formatMoney(cents(-250), 'EUR'))).toBe('€ -2,50');
  });

  it('RON in ro-RO', () => {
    expect(plain(formatMoney(cents(123456), 'RON', 'ro-RO'))).toBe('1.234,56 RON');
  });

  it('a currency without minor units is not divided by 100', () => {
    expect(minorUnitDigits('EUR')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(plain(formatMoney(cents(1000), 'JPY', 'en-US'))).toBe('¥1,000');
  });
});
