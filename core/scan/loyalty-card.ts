import { err, ok, type Err, type Result } from '../result/result';
import { checkDigitFor, type CheckDigitScheme, hasValidCheckDigitFor } from './check-digit';

/** One loyalty card numbering a store accepts: barcode on a key fob, or a magstripe card. */
export interface LoyaltyCardFormat {
  id: string;
  /** What the cashier calls it, for messages. */
  name: string;
  /** Digits every card number of this format starts with. */
  prefix: string;
  /** Total digits, check digit included. */
  length: number;
  checkDigit: CheckDigitScheme;
}

export interface LoyaltyCardMatch {
  formatId: string;
  cardNumber: string;
}

/**
 * Matches a digit string against the store's loyalty formats. 'no-format' when no prefix and
 * length fit; 'checksum' when one fits but its check digit is wrong (a misread or a typo).
 */
export function matchLoyaltyCard(
  digits: string,
  formats: readonly LoyaltyCardFormat[],
): Result<LoyaltyCardMatch, 'no-format' | 'checksum'> {
  let checksumError: Err<'checksum'> | undefined;
  for (const f of formats) {
    if (digits.length !== f.length || !digits.startsWith(f.prefix)) continue;
    if (hasValidCheckDigitFor(f.checkDigit, digits)) return ok({ formatId: f.id, cardNumber: digits });
    checksumError ??= err('checksum', checksumMessage(f, digits));
  }
  return checksumError ?? err('no-format', `${digits.length} digits: not a loyalty card number.`);
}

function checksumMessage(f: LoyaltyCardFormat, digits: string): string {
  const expected = checkDigitFor(f.checkDigit, digits.slice(0, -1));
  const should =
    expected === undefined ? 'this number cannot exist' : `the check digit should be ${expected}`;
  return `${f.name} ${digits}: ${should}. Scan the card again or type the number carefully.`;
}
