import { gtinCheckDigit } from './gtin';

/**
 * Check-digit schemes a store can give its loyalty cards. All work on the data digits (the number
 * without its last digit) and give the digit to append.
 * - `gs1`: GS1 mod-10, weights 3,1,3,… from the right (the EAN/UPC scheme; a card that is printed
 *   as an EAN-13 uses this).
 * - `luhn`: ISO/IEC 7812 (bank and most magstripe cards).
 * - `mod11`: weights 2,3,4,5,6,7 repeating from the right, check = (11 − sum mod 11) mod 11.
 *   A remainder of 1 would need a check "digit" of 10: such numbers are never issued, so they
 *   have no check digit here (undefined) and never validate.
 * - `none`: the card has no check digit.
 */
export type CheckDigitScheme = 'gs1' | 'luhn' | 'mod11' | 'none';

export function luhnCheckDigit(data: string): number {
  let sum = 0;
  // The digit next to the (future) check digit is doubled, then every second one leftwards.
  for (let i = data.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = data.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function mod11CheckDigit(data: string): number | undefined {
  let sum = 0;
  for (let i = data.length - 1, w = 2; i >= 0; i--, w = w === 7 ? 2 : w + 1) {
    sum += (data.charCodeAt(i) - 48) * w;
  }
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? undefined : check;
}

/** The check digit `scheme` gives for `data` (digits only), or undefined if none can be made. */
export function checkDigitFor(scheme: CheckDigitScheme, data: string): number | undefined {
  switch (scheme) {
    case 'gs1':
      return gtinCheckDigit(data);
    case 'luhn':
      return luhnCheckDigit(data);
    case 'mod11':
      return mod11CheckDigit(data);
    case 'none':
      return undefined;
  }
}

/** True when the last digit of `digits` is the right check digit under `scheme` (always for 'none'). */
export function hasValidCheckDigitFor(scheme: CheckDigitScheme, digits: string): boolean {
  if (scheme === 'none') return true;
  if (digits.length < 2) return false;
  const expected = checkDigitFor(scheme, digits.slice(0, -1));
  return expected !== undefined && expected === digits.charCodeAt(digits.length - 1) - 48;
}
