import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkDigitFor,
  hasValidCheckDigitFor,
  luhnCheckDigit,
  mod11CheckDigit,
  type CheckDigitScheme,
} from '../../../../core/scan/check-digit';

const digitString = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));

/** A valid number under `scheme` (data digits + their check digit), when one can be made. */
function complete(scheme: CheckDigitScheme, data: string): string | undefined {
  const c = checkDigitFor(scheme, data);
  return c === undefined ? undefined : data + String(c);
}

describe('check digits', () => {
  it('Luhn gives the published check digits', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3); // the textbook example 79927398713
    expect(hasValidCheckDigitFor('luhn', '4111111111111111')).toBe(true); // the well-known Visa test number
    expect(hasValidCheckDigitFor('luhn', '4111111111111112')).toBe(false);
  });

  it('mod-11 (weights 2–7 from the right) gives its digit, and refuses numbers that would need a 10', () => {
    expect(mod11CheckDigit('123456789')).toBe(2);
    expect(hasValidCheckDigitFor('mod11', '1234567892')).toBe(true);
    expect(mod11CheckDigit('6')).toBeUndefined(); // 6×2 = 12 ≡ 1 (mod 11) → would need 10
    expect(hasValidCheckDigitFor('mod11', '60')).toBe(false);
    expect(hasValidCheckDigitFor('mod11', '61')).toBe(false);
  });

  it('GS1 mod-10 agrees with a real EAN-13', () => {
    expect(checkDigitFor('gs1', '400638133393')).toBe(1);
  });

  it('a scheme of none accepts any number', () => {
    expect(hasValidCheckDigitFor('none', '12345')).toBe(true);
  });

  it.each(['gs1', 'luhn', 'mod11'] as const)('%s: every valid number validates', (scheme) => {
    fc.assert(
      fc.property(digitString(1, 20), (data) => {
        const n = complete(scheme, data);
        if (n !== undefined) expect(hasValidCheckDigitFor(scheme, n)).toBe(true);
      }),
    );
  });

  it.each(['gs1', 'luhn', 'mod11'] as const)('%s: a single-digit change is always detected', (scheme) => {
    fc.assert(
      fc.property(digitString(1, 20), fc.nat(), fc.integer({ min: 1, max: 9 }), (data, position, delta) => {
        const n = complete(scheme, data);
        fc.pre(n !== undefined);
        const valid = n as string;
        const i = position % valid.length;
        const changed = (Number(valid[i]) + delta) % 10;
        const mutated = valid.slice(0, i) + String(changed) + valid.slice(i + 1);
        expect(hasValidCheckDigitFor(scheme, mutated)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('mod-11 makes a check digit for about ten in eleven numbers', () => {
    let made = 0;
    for (let i = 0; i < 1100; i++) if (mod11CheckDigit(String(100000 + i)) !== undefined) made++;
    expect(made).toBe(1000);
  });
});
