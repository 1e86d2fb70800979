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

/** Calling codes of the countries Kassa's stores are in (and their neighbours). */
const COUNTRY_CODES: Readonly<Record<string, string>> = {
  NL: '31',
  BE: '32',
  FR: '33',
  ES: '34',
  IT: '39',
  RO: '40',
  AT: '43',
  GB: '44',
  PL: '48',
  DE: '49',
  PT: '351',
  LU: '352',
  IE: '353',
};

/** The calling code of a store's country, from its locale (nl-NL → 31, ro-RO → 40, en-GB → 44). */
export function countryCodeForLocale(locale: string): string | undefined {
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region ? COUNTRY_CODES[region] : undefined;
  } catch {
    return undefined;
  }
}
