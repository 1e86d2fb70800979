import { createHash } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID-shaped id derived from a seed (26 Crockford base-32 characters, the first 0–7 as a ULID's
 * 48-bit time allows): the same seed always gives the same id, so a server event's id says what it
 * is about — the caller's idempotency key, the rows a job posted — and the journal's unique
 * (terminal, id) key refuses a second event for the same thing.
 */
export function idFromSeed(seed: string): string {
  const bytes = createHash('sha256').update(seed).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 26) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length === 26) break;
  }
  return CROCKFORD[CROCKFORD.indexOf(out[0] as string) & 7] + out.slice(1);
}
