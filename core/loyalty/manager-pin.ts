import { scrypt } from '@noble/hashes/scrypt.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { base64urlnopad } from '@scure/base';

/*
 * A manager's PIN as the till holds it (store settings `managers[].pinHash`): a salted scrypt
 * hash, checked offline at the till. A 4–8 digit PIN has at most 10^8 values, so the hash only
 * slows a stolen till down; the per-till lockout (pin-lockout.ts) is what stops guessing at the
 * counter. N = 2^14, r = 8 takes about 65 ms in V8 (Node 20 and Chromium on a laptop): slow
 * enough to cost an attacker, quick enough that the manager does not wait.
 */

export const PIN_SCRYPT = { N: 2 ** 14, r: 8, p: 1, dkLen: 32 } as const;

/** A hash naming more work than this is refused, so a bad store doc cannot freeze the till. */
const MAX_N = 2 ** 17;
const MAX_R = 16;
const MAX_P = 4;

const PIN_PATTERN = /^[0-9]{4,8}$/;

export function isValidPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

/** 'scrypt$<N>$<r>$<p>$<salt b64url>$<hash b64url>'; the salt should be 16 random bytes. */
export function hashPin(pin: string, salt: Uint8Array): string {
  const { N, r, p, dkLen } = PIN_SCRYPT;
  const hash = scrypt(utf8ToBytes(pin), salt, { N, r, p, dkLen });
  return ['scrypt', N, r, p, base64urlnopad.encode(salt), base64urlnopad.encode(hash)].join('$');
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Uint8Array;
  hash: Uint8Array;
}

function parsePinHash(pinHash: string): ParsedHash | null {
  const parts = pinHash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((s) => (/^[0-9]{1,7}$/.test(s) ? Number(s) : NaN)) as [
    number,
    number,
    number,
  ];
  // N must be a power of two above 1 (scrypt's own rule); the caps keep a check bounded.
  if (!(N > 1 && N <= MAX_N && (N & (N - 1)) === 0)) return null;
  if (!(r >= 1 && r <= MAX_R && p >= 1 && p <= MAX_P)) return null;
  try {
    const salt = base64urlnopad.decode(parts[4] ?? '');
    const hash = base64urlnopad.decode(parts[5] ?? '');
    if (salt.length < 8 || hash.length < 16 || hash.length > 64) return null;
    return { N, r, p, salt, hash };
  } catch {
    return null;
  }
}

/** Equal bytes, in time that does not depend on where they first differ. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** True when `pin` is the PIN behind `pinHash`; false for a wrong PIN or a malformed hash. */
export function verifyPin(pin: string, pinHash: string): boolean {
  if (!isValidPin(pin)) return false;
  const parsed = parsePinHash(pinHash);
  if (parsed === null) return false;
  const { N, r, p, salt, hash } = parsed;
  const candidate = scrypt(utf8ToBytes(pin), salt, { N, r, p, dkLen: hash.length });
  return constantTimeEqual(candidate, hash);
}
