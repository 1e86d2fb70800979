import { err, ok, type Result } from '../result/result';
import { signCode, type SignedCodeFormat, type SignedCodeKey } from '../scan/signed-code';
import { voucherCampaign, type VoucherValueReason } from './voucher-code';

/**
 * Coupon and voucher codes a till issues itself, offline (issue 9 "codes a till issues offline come
 * from a code range allocated to that till"): the format's prefix, a campaign, a serial from the
 * till's own range, and the format's MAC. Two tills never issue the same code because their ranges
 * never overlap; the MAC lets any till of the store verify it later.
 */

/**
 * The campaign vouchers were issued with before their value was encoded in it (voucher-code.ts):
 * no longer issued, and not read as a voucher. Not 'VOUC': Crockford base32 has no U.
 */
export const VOUCHER_CAMPAIGN = 'VCHR';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A serial as `length` Crockford characters (most significant first), or undefined when it does not fit. */
export function serialText(serial: number, length: number): string | undefined {
  if (!Number.isSafeInteger(serial) || serial < 0 || serial >= 32 ** length) return undefined;
  let out = '';
  let n = serial;
  for (let i = 0; i < length; i++) {
    out = (CROCKFORD[n % 32] ?? '0') + out;
    n = Math.floor(n / 32);
  }
  return out;
}

export type CodeIssueReason = 'format' | 'campaign' | 'serial' | 'no-key';

/**
 * The code for `serial` of `campaign` in a base32 coupon format with fields campaign + serial
 * (the demo's 'kassa-coupon': KC + 4 + 6 + 8-character MAC), signed with the format's current key.
 */
export function issueCouponCode(
  format: SignedCodeFormat,
  campaign: string,
  serial: number,
  key: SignedCodeKey | undefined = format.keys[0],
): Result<string, CodeIssueReason> {
  const [first, second] = format.fields;
  if (format.alphabet !== 'base32' || first?.name !== 'campaign' || second?.name !== 'serial') {
    return err('format', `${format.name}: not a campaign + serial format.`);
  }
  if (campaign.length !== first.length || !/^[0-9A-HJKMNP-TV-Z]+$/.test(campaign)) {
    return err('campaign', `A ${format.name} campaign is ${first.length} Crockford characters.`);
  }
  const serialPart = serialText(serial, second.length);
  if (serialPart === undefined)
    return err('serial', `Serial ${serial} does not fit ${second.length} characters.`);
  if (!key) return err('no-key', `No key to sign ${format.name} codes with.`);
  const padding = '0'.repeat(Math.max(0, format.payloadLength - first.length - second.length));
  return ok(signCode(format, key, `${campaign}${serialPart}${padding}`));
}

/**
 * A voucher's code: its value carried by the campaign (voucher-code.ts), so any till of the chain
 * can redeem it offline; refused with the value's reason when the amount does not fit a code.
 */
export function issueVoucherCode(
  format: SignedCodeFormat,
  valueCents: number,
  serial: number,
  key: SignedCodeKey | undefined = format.keys[0],
): Result<string, CodeIssueReason | VoucherValueReason> {
  const campaign = voucherCampaign(valueCents);
  if (!campaign.ok) return campaign;
  return issueCouponCode(format, campaign.value, serial, key);
}
