/**
 * Two base32 alphabets, for two jobs:
 * - Crockford's for codes a person may read aloud or type (coupons): no I, L, O, U, and the
 *   look-alikes are read leniently (O→0, I/L→1), case does not matter.
 * - RFC 4648's for shared TOTP secrets, the form authenticator apps and `otpauth://` URIs use.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RFC4648 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function encode(bytes: Uint8Array, alphabet: string): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

function decode(text: string, alphabet: string): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let n = 0;
  for (const ch of text) {
    const v = alphabet.indexOf(ch);
    if (v < 0) return undefined;
    buffer = ((buffer << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out[n++] = (buffer >> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return out;
}

export function encodeCrockford(bytes: Uint8Array): string {
  return encode(bytes, CROCKFORD);
}

/** Upper-cases and maps the look-alikes a person types (O→0, I/L→1); drops hyphens and spaces. */
export function normalizeCrockford(text: string): string {
  return text.toUpperCase().replace(/[-\s]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function isCrockford(text: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]*$/.test(text);
}

export function encodeBase32(bytes: Uint8Array): string {
  return encode(bytes, RFC4648);
}

/** RFC 4648 base32 (padding and spaces ignored, any case) → bytes; undefined if not base32. */
export function decodeBase32(text: string): Uint8Array | undefined {
  return decode(text.toUpperCase().replace(/[=\s]/g, ''), RFC4648);
}
