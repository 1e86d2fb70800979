import { err, ok, type Result } from '../result/result';

/**
 * Self-describing vouchers (issue 9 "a voucher for later"): the value of a voucher a till issues
 * is written in the 4-character campaign field of its signed coupon code (core/scan/signed-code.ts,
 * format 'kassa-coupon': KC + campaign + serial + MAC). So any till of the chain reads the value
 * offline, from the code alone, and the MAC stops anyone from raising it: changing a character of
 * the campaign breaks the signature.
 *
 * Campaign = 'V' + 3 Crockford base32 characters (most significant first) holding the value in
 * units of 50 cents (VOUCHER_UNIT_CENTS) of the store's currency: 1 … 32,767 units, that is
 * 0.50 … 16,383.50. Units of 50 cents rather than whole euros so a "€2.50 for next time" reward
 * fits; a value that is not a whole number of units is refused, never rounded (the shopper was
 * promised that amount). Campaigns starting with 'V' are therefore reserved for vouchers: HQ's
 * printed coupon campaigns must not start with 'V'.
 */

export const VOUCHER_UNIT_CENTS = 50;
const DIGITS = 3;
export const MAX_VOUCHER_UNITS = 32 ** DIGITS - 1;
export const MAX_VOUCHER_CENTS = MAX_VOUCHER_UNITS * VOUCHER_UNIT_CENTS;

/**
 * The campaign the till issued vouchers with before values were encoded. Only test data has it;
 * read as a value it would say 6,428.00, so it is explicitly not a voucher.
 */
const LEGACY_CAMPAIGN = 'VCHR';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type VoucherValueReason = 'not-a-unit' | 'too-small' | 'too-large';

/** The campaign of a voucher worth `valueCents`, or why that value cannot be carried by a code. */
export function voucherCampaign(valueCents: number): Result<string, VoucherValueReason> {
  if (!Number.isSafeInteger(valueCents) || valueCents < VOUCHER_UNIT_CENTS) {
    return err('too-small', `A voucher is worth at least ${VOUCHER_UNIT_CENTS} cents.`);
  }
  if (valueCents > MAX_VOUCHER_CENTS) {
    return err('too-large', `A voucher is worth at most ${MAX_VOUCHER_CENTS} cents.`);
  }
  if (valueCents % VOUCHER_UNIT_CENTS !== 0) {
    return err('not-a-unit', `A voucher's value is a multiple of ${VOUCHER_UNIT_CENTS} cents.`);
  }
  let n = valueCents / VOUCHER_UNIT_CENTS;
  let digits = '';
  for (let i = 0; i < DIGITS; i++) {
    digits = (CROCKFORD[n % 32] ?? '0') + digits;
    n = Math.floor(n / 32);
  }
  return ok(`V${digits}`);
}

/**
 * The value in cents of a voucher campaign (as a verified, normalised code carries it: upper case),
 * or null when the campaign is not a voucher's.
 */
export function voucherValueOf(campaign: string): number | null {
  if (campaign.length !== DIGITS + 1 || campaign[0] !== 'V' || campaign === LEGACY_CAMPAIGN) return null;
  let units = 0;
  for (const ch of campaign.slice(1)) {
    const d = CROCKFORD.indexOf(ch);
    if (d < 0) return null;
    units = units * 32 + d;
  }
  return units === 0 ? null : units * VOUCHER_UNIT_CENTS;
}
