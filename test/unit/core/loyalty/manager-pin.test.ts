import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPin, isValidPin, PIN_SCRYPT, verifyPin } from '../../../../core/loyalty/manager-pin';

const SALT = new TextEncoder().encode('kassa-demo-salt!');
// Written out with node:crypto scryptSync('2468', 'kassa-demo-salt!', 32, { N: 16384, r: 8, p: 1 }).
const KNOWN = 'scrypt$16384$8$1$a2Fzc2EtZGVtby1zYWx0IQ$-wpdVsNTgUmL6N5H6c5SrzNNqSZaQgjYoenZNGbtCVA';

describe('manager PIN', () => {
  it('hashes with scrypt N=2^14 r=8 p=1 into the documented format (known answer)', () => {
    expect(PIN_SCRYPT).toEqual({ N: 16384, r: 8, p: 1, dkLen: 32 });
    expect(hashPin('2468', SALT)).toBe(KNOWN);
  });

  it('agrees with node:crypto for another PIN and salt', () => {
    const salt = new Uint8Array(16).map((_, i) => i * 7 + 1);
    const [, , , , , hash] = hashPin('13572468', salt).split('$');
    const expected = scryptSync('13572468', salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64url');
    expect(hash).toBe(expected);
  });

  it('accepts the right PIN and refuses a wrong one', () => {
    expect(verifyPin('2468', KNOWN)).toBe(true);
    expect(verifyPin('2469', KNOWN)).toBe(false);
    expect(verifyPin('24680', KNOWN)).toBe(false);
  });

  it('verifies a hash with other parameters, as a server may have chosen them', () => {
    const h = scryptSync('9876', SALT, 32, { N: 1024, r: 8, p: 1 }).toString('base64url');
    const stored = `scrypt$1024$8$1$${Buffer.from(SALT).toString('base64url')}$${h}`;
    expect(verifyPin('9876', stored)).toBe(true);
  });

  it('refuses malformed or unreasonably expensive hashes instead of throwing or freezing', () => {
    const salt = Buffer.from(SALT).toString('base64url');
    for (const bad of [
      '',
      'bcrypt$x',
      KNOWN.replace('scrypt', 'scryp'),
      `scrypt$1000$8$1$${salt}$-wpdVsNTgUmL6N5H6c5SrzNNqSZaQgjYoenZNGbtCVA`,
      `scrypt$${2 ** 20}$8$1$${salt}$-wpdVsNTgUmL6N5H6c5SrzNNqSZaQgjYoenZNGbtCVA`,
      `scrypt$16384$8$1$${salt}$***`,
      `scrypt$16384$8$1$$-wpdVsNTgUmL6N5H6c5SrzNNqSZaQgjYoenZNGbtCVA`,
    ]) {
      expect(verifyPin('2468', bad)).toBe(false);
    }
  });

  it('a PIN is 4 to 8 digits', () => {
    expect(['1234', '00000000', '987654'].every(isValidPin)).toBe(true);
    expect(['123', '123456789', '12a4', ' 1234', '１２３４', ''].some(isValidPin)).toBe(false);
  });
});
