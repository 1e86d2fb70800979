import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { err, ok, type Result } from '../result/result';

/**
 * RFC 4226 HOTP and RFC 6238 TOTP, pure: the moment is an argument. The member app shows a code
 * that changes every step; a till accepts the current step ± a tolerance, so a screenshot stops
 * working a step or two after it was taken.
 */
export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpParams {
  /** Digits of the code, 6–10. */
  digits: number;
  /** Seconds per step (RFC 6238: 30). */
  stepSeconds: number;
  algorithm: TotpAlgorithm;
}

export interface TotpWindow {
  /** Steps before and after the current one that still count (clock drift, a slow scan). */
  toleranceSteps: number;
  /** How far back a matching code is recognised as expired rather than simply wrong. */
  lookbackSteps: number;
}

const hashes = { sha1, sha256, sha512 } as const;

/** HOTP value of `counter` (a safe non-negative integer) as a zero-padded decimal string. */
export function hotp(secret: Uint8Array, counter: number, digits: number, algorithm: TotpAlgorithm): string {
  const msg = new Uint8Array(8);
  const high = Math.floor(counter / 2 ** 32);
  const low = counter % 2 ** 32;
  new DataView(msg.buffer).setUint32(0, high);
  new DataView(msg.buffer).setUint32(4, low);
  const mac = hmac(hashes[algorithm], secret, msg);
  // Dynamic truncation (RFC 4226 §5.3).
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const bin =
    (((mac[offset] ?? 0) & 0x7f) << 24) |
    ((mac[offset + 1] ?? 0) << 16) |
    ((mac[offset + 2] ?? 0) << 8) |
    (mac[offset + 3] ?? 0);
  return String(bin % 10 ** digits).padStart(digits, '0');
}

export function totpStep(nowMs: number, stepSeconds: number): number {
  return Math.floor(nowMs / 1000 / stepSeconds);
}

export function totp(secret: Uint8Array, nowMs: number, params: TotpParams): string {
  return hotp(secret, totpStep(nowMs, params.stepSeconds), params.digits, params.algorithm);
}

export type TotpReason = 'code-expired' | 'code-wrong';
export type TotpCheck = Result<
  { step: number; driftSteps: number },
  TotpReason,
  { ageSeconds: number } | undefined
>;

/**
 * Checks `code` at `nowMs`. A code of the current step ± tolerance is valid; one from up to
 * `lookbackSteps` earlier is 'code-expired' (with its age, so the till can say "a screenshot?");
 * anything else is 'code-wrong'.
 */
export function verifyTotp(
  secret: Uint8Array,
  code: string,
  nowMs: number,
  params: TotpParams & TotpWindow,
): TotpCheck {
  const now = totpStep(nowMs, params.stepSeconds);
  for (let drift = -params.toleranceSteps; drift <= params.toleranceSteps; drift++) {
    const step = now + drift;
    if (step >= 0 && sameCode(hotp(secret, step, params.digits, params.algorithm), code)) {
      return ok({ step, driftSteps: drift });
    }
  }
  for (let age = params.toleranceSteps + 1; age <= params.lookbackSteps; age++) {
    const step = now - age;
    if (step >= 0 && sameCode(hotp(secret, step, params.digits, params.algorithm), code)) {
      const ageSeconds = Math.round(nowMs / 1000 - step * params.stepSeconds);
      return err('code-expired', `This member code expired: it was made ${describeAge(ageSeconds)} ago.`, {
        ageSeconds,
      });
    }
  }
  return err('code-wrong', 'This member code is not valid for this member.');
}

function describeAge(seconds: number): string {
  if (seconds < 120) return `${seconds} seconds`;
  return `${Math.round(seconds / 60)} minutes`;
}

/** Compares without an early exit, so timing does not hint at how much of a code was right. */
function sameCode(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
