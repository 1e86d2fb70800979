import { err, ok, type Result } from '../result/result';
import { type TotpCheck, type TotpParams, type TotpWindow, verifyTotp } from './totp';

/**
 * Member-app QR codes: `<prefix><memberRef>:<code>`, e.g. `KASSA-M:01JD3K7Q2M:40938123`.
 * The code is a TOTP of the member's shared secret, so the app shows a new one every step and a
 * screenshot stops working after its window. The secret lookup is the caller's (replicated member
 * record, or online); this module stays pure.
 */
export interface MemberQrFormat extends TotpParams, TotpWindow {
  /** Literal start of the QR text, matched case-insensitively. */
  prefix: string;
}

export interface MemberQr {
  memberRef: string;
  code: string;
}

const MEMBER_REF = /^[0-9A-Za-z_-]{1,64}$/;

export function startsMemberQr(text: string, format: MemberQrFormat): boolean {
  return text.slice(0, format.prefix.length).toUpperCase() === format.prefix.toUpperCase();
}

/** Splits a member QR text (known to start with the prefix) into member reference and code. */
export function parseMemberQr(text: string, format: MemberQrFormat): Result<MemberQr, 'malformed'> {
  const rest = text.slice(format.prefix.length);
  const colon = rest.lastIndexOf(':');
  const memberRef = colon < 0 ? '' : rest.slice(0, colon);
  const code = colon < 0 ? '' : rest.slice(colon + 1);
  if (!MEMBER_REF.test(memberRef) || code.length !== format.digits || !/^\d+$/.test(code)) {
    return err(
      'malformed',
      'This member QR code is damaged or from another app: ask the member to open the app again.',
    );
  }
  return ok({ memberRef, code });
}

/** Verifies a member QR code with the member's secret at `nowMs`. */
export function verifyMemberCode(
  qr: MemberQr,
  secret: Uint8Array,
  nowMs: number,
  format: MemberQrFormat,
): TotpCheck {
  const check = verifyTotp(secret, qr.code, nowMs, format);
  if (check.ok) return check;
  const message =
    check.reason === 'code-expired'
      ? `${check.message} A screenshot will not work: ask the member to show the live code in the app.`
      : `This member code does not match member ${qr.memberRef}: ask the member to refresh the app.`;
  return { ...check, message };
}
