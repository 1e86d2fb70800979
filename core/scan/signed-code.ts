import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { err, ok, type Result } from '../result/result';
import { encodeCrockford, isCrockford, normalizeCrockford } from './base32';

/**
 * Coupon and gift-card codes carry a truncated HMAC-SHA256, so a till can tell a real code from a
 * made-up one offline with a key it holds (DESIGN.md, "Coupons and gift cards").
 *
 * Code = prefix + payload + MAC, where
 * - payload: `payloadLength` characters (digits, or Crockford base32), split into named `fields`
 *   (e.g. campaign + serial; serials a till issues offline come from its allocated range);
 * - MAC = HMAC-SHA256(key, "kassa-code-v1|" + prefix + payload), truncated: for `base32` the first
 *   `macLength` Crockford characters (5 bits each), for `digits` the first 48 bits mod 10^macLength.
 * Hyphens and spaces are ignored, so a code can be printed in groups and typed by hand.
 */
export interface SignedCodeKey {
  id: string;
  secret: Uint8Array;
}

export interface SignedCodeFormat {
  id: string;
  kind: 'coupon' | 'gift-card';
  /** What the cashier calls it, for messages. */
  name: string;
  /** Literal start, upper case (e.g. 'KC' or '9826'). */
  prefix: string;
  alphabet: 'digits' | 'base32';
  payloadLength: number;
  /** Named slices of the payload, in order; their lengths add up to at most `payloadLength`. */
  fields: readonly { name: string; length: number }[];
  /** 4–16 (base32) or 4–12 (digits). 8 base32 characters = 40 bits. */
  macLength: number;
  /** Current and previous keys: a code signed with any of them is accepted. */
  keys: readonly SignedCodeKey[];
}

export interface SignedCode {
  formatId: string;
  kind: 'coupon' | 'gift-card';
  /** The code normalised: upper case, no separators. */
  code: string;
  payload: string;
  fields: Record<string, string>;
  keyId: string;
}

export type SignedCodeReason = 'length' | 'not-code' | 'signature';

/** The code's text with separators dropped and, for base32, look-alike letters mapped. */
export function normalizeSignedCode(text: string, format: SignedCodeFormat): string {
  return format.alphabet === 'base32' ? normalizeCrockford(text) : text.replace(/[-\s]/g, '');
}

/**
 * Whether a scanned or typed text starts with the format's prefix (upper-cased for base32 codes).
 * Cheap, so every scan can ask before the full normalisation; separators may follow the prefix,
 * not split it.
 */
export function startsSignedCode(text: string, format: SignedCodeFormat): boolean {
  const start = text.slice(0, format.prefix.length);
  return (format.alphabet === 'base32' ? start.toUpperCase() : start) === format.prefix;
}

function mac(format: SignedCodeFormat, secret: Uint8Array, payload: string): string {
  const digest = hmac(sha256, secret, utf8ToBytes(`kassa-code-v1|${format.prefix}${payload}`));
  if (format.alphabet === 'base32') return encodeCrockford(digest.subarray(0, 10)).slice(0, format.macLength);
  let n = 0;
  for (let i = 0; i < 6; i++) n = n * 256 + (digest[i] ?? 0);
  return String(n % 10 ** format.macLength).padStart(format.macLength, '0');
}

/** Issues a code: for the server, the demo seed, and a till issuing from its own serial range. */
export function signCode(format: SignedCodeFormat, key: SignedCodeKey, payload: string): string {
  return `${format.prefix}${payload}${mac(format, key.secret, payload)}`;
}

/** Verifies a normalised code that starts with the format's prefix. */
export function verifySignedCode(
  normalized: string,
  format: SignedCodeFormat,
): Result<SignedCode, SignedCodeReason> {
  const expectedLength = format.prefix.length + format.payloadLength + format.macLength;
  const body = normalized.slice(format.prefix.length);
  const alphabetOk = format.alphabet === 'digits' ? /^\d*$/.test(body) : isCrockford(body);
  if (!alphabetOk) return err('not-code', `Not a ${format.name} code.`);
  if (normalized.length !== expectedLength) {
    return err(
      'length',
      `A ${format.name} code has ${expectedLength} characters; this one has ${normalized.length}. Scan again or check the code.`,
    );
  }
  const payload = body.slice(0, format.payloadLength);
  const given = body.slice(format.payloadLength);
  const key = format.keys.find((k) => mac(format, k.secret, payload) === given);
  if (!key) {
    return err(
      'signature',
      `This ${format.name} code is not genuine or was mistyped (its signature does not match). Check the code.`,
    );
  }
  const fields: Record<string, string> = {};
  let at = 0;
  for (const f of format.fields) {
    fields[f.name] = payload.slice(at, at + f.length);
    at += f.length;
  }
  return ok({ formatId: format.id, kind: format.kind, code: normalized, payload, fields, keyId: key.id });
}
