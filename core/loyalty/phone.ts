import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * A phone number as the cashier types it ("06 12 34 56 78", "+31 6-12345678") in one form, so the
 * till can find a member by it while holding only a hash: digits only, a leading 0 replaced by the
 * store's country code, a leading 00 by nothing. undefined when it cannot be a phone number.
 */
export function normalisePhone(typed: string, countryCode: string): string | undefined {
  const plus = typed.trim().startsWith('+');
  let digits = typed.replace(/\D/g, '');
  if (!plus) {
    if (digits.startsWith('00')) digits = digits.slice(2);
    else if (digits.startsWith('0')) digits = countryCode + digits.slice(1);
  }
  return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : undefined;
}

/** What a member document carries instead of the number. */
export function phoneHash(e164: string): string {
  return bytesToHex(sha256(utf8ToBytes(`kassa-phone:${e164}`)));
}
