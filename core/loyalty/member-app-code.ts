import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { encodeBase32 } from '../scan/base32';
import type { MemberQrFormat } from '../scan/member-qr';
import { DEMO_SCAN_CONFIG } from '../scan/scan-config';
import { totp, totpStep } from '../scan/totp';

/**
 * The member app's rotating QR code, pure. Each member's TOTP secret is DERIVED from one
 * chain-wide key (HMAC-SHA256(memberAppKey, "kassa-member-app-v1|" + memberId)), not stored per
 * member: a till that holds the key verifies any member's code offline, the member document
 * carries no secret, and a new key (rotation) re-keys every member at once.
 */

/** Domain separation: the key derives nothing else, and a v2 derivation cannot collide with this one. */
const DERIVATION_CONTEXT = 'kassa-member-app-v1|';

/** The member-app QR format of the chain (every store's tills use it; see scan-config.ts). */
export const MEMBER_APP_QR_FORMAT: MemberQrFormat = DEMO_SCAN_CONFIG.memberQr as MemberQrFormat;

/** A member-app key as the server keeps it and a till receives it. */
export interface MemberAppKey {
  keyId: string;
  key: Uint8Array;
}

/** Shortest key accepted (bytes): the server makes 32 random bytes. */
export const MIN_MEMBER_APP_KEY_BYTES = 16;

/** The member's TOTP secret under `key` (32 bytes). */
export function memberAppSecret(key: Uint8Array, memberId: string): Uint8Array {
  return hmac(sha256, key, utf8ToBytes(DERIVATION_CONTEXT + memberId));
}

/**
 * A key's id, derived from the key (a hash prefix, which reveals nothing of it): the server and
 * every till name a key the same way without storing the name beside it.
 */
export function memberAppKeyId(key: Uint8Array): string {
  return `ma-${bytesToHex(sha256(concatBytes(utf8ToBytes('kassa-member-app-key-id|'), key))).slice(0, 12)}`;
}

/** The QR text the member's app shows at `nowMs`: `KASSA-M:<memberId>:<code>`. */
export function memberAppQrText(
  key: Uint8Array,
  memberId: string,
  nowMs: number,
  format: MemberQrFormat = MEMBER_APP_QR_FORMAT,
): string {
  return `${format.prefix}${memberId}:${totp(memberAppSecret(key, memberId), nowMs, format)}`;
}

/** The moment the code shown at `nowMs` stops being the current one (the app's next code). */
export function memberAppCodeChangesAt(nowMs: number, format: MemberQrFormat = MEMBER_APP_QR_FORMAT): number {
  return (totpStep(nowMs, format.stepSeconds) + 1) * format.stepSeconds * 1000;
}

/**
 * An otpauth:// URI (the Key Uri Format authenticator apps read) that provisions a member app
 * with the member's secret: the app shows the code; it prefixes `KASSA-M:<memberId>:` for the QR.
 */
export function memberAppOtpauthUri(
  key: Uint8Array,
  memberId: string,
  issuer = 'Kassa',
  format: MemberQrFormat = MEMBER_APP_QR_FORMAT,
): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(memberId)}`;
  const query: [string, string][] = [
    ['secret', encodeBase32(memberAppSecret(key, memberId))],
    ['issuer', issuer],
    ['algorithm', format.algorithm.toUpperCase()],
    ['digits', String(format.digits)],
    ['period', String(format.stepSeconds)],
  ];
  const params = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `otpauth://totp/${label}?${params}`;
}
