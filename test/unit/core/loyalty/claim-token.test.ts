import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  claimKeyFromTerminalToken,
  claimKeyFromTokenHash,
  MAX_CLAIM_TOKEN_LENGTH,
  parseClaimToken,
  signClaimToken,
  verifyClaimToken,
  type ClaimRef,
} from '../../../../core/loyalty/claim-token';

const TOKEN = 'q3mN0r5-terminal-token-of-till-one_xxxxxxxxxx';
const OTHER_TOKEN = 'another-terminals-token-zzzzzzzzzzzzzzzzzzzzz';
const ref: ClaimRef = {
  storeId: 'store-ams',
  terminalId: '01JTERMINAL0000000000000001',
  saleId: '01JSALE00000000000000000042',
};

/** Server side: the key from the stored sha256(token), as node:crypto computes it. */
const storedHash = (token: string) => createHash('sha256').update(token).digest('hex');

const read = (text: string, key: Uint8Array) => {
  const p = parseClaimToken(text);
  return p.ok ? verifyClaimToken(p.value, key) : p;
};

describe('claim token', () => {
  it('is the prefix, the three ids with their lengths and a 16-byte HMAC-SHA256, in base64url (known answer)', () => {
    // Written out independently with node:crypto: key = HMAC(sha256(token) bytes, label).
    const key = createHmac('sha256', Buffer.from(storedHash(TOKEN), 'hex'))
      .update('kassa/claim-key/v1')
      .digest();
    const body = Buffer.concat(
      [ref.storeId, ref.terminalId, ref.saleId].map((s) =>
        Buffer.concat([Buffer.of(Buffer.byteLength(s)), Buffer.from(s)]),
      ),
    );
    const mac = createHmac('sha256', key)
      .update(Buffer.concat([Buffer.from('KASSA-C1:'), body]))
      .digest()
      .subarray(0, 16);
    const expected = `KASSA-C1:${Buffer.concat([body, mac]).toString('base64url')}`;

    expect(signClaimToken(ref, claimKeyFromTerminalToken(TOKEN))).toBe(expected);
    expect(expected.length).toBeLessThan(140);
  });

  it('the till signs with its token; the server verifies with the stored hash of it', () => {
    const token = signClaimToken(ref, claimKeyFromTerminalToken(TOKEN));
    expect(read(token, claimKeyFromTokenHash(storedHash(TOKEN)))).toEqual({ ok: true, value: ref });
    expect(read(`  ${token}\n`, claimKeyFromTokenHash(storedHash(TOKEN))).ok).toBe(true);
  });

  it("another terminal's key does not verify it (a till signs only its own sales)", () => {
    const token = signClaimToken(ref, claimKeyFromTerminalToken(OTHER_TOKEN));
    const r = read(token, claimKeyFromTokenHash(storedHash(TOKEN)));
    expect(r).toMatchObject({ ok: false, reason: 'claim-token-forged' });
    expect(r.ok ? '' : r.message).toContain(ref.terminalId);
  });

  it('any changed character is refused: forged, or not a claim code at all', () => {
    const key = claimKeyFromTerminalToken(TOKEN);
    const token = signClaimToken(ref, key);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(
        fc.integer({ min: 'KASSA-C1:'.length, max: token.length - 1 }),
        fc.constantFrom(...alphabet),
        (at, ch) => {
          fc.pre(token[at] !== ch);
          const tampered = token.slice(0, at) + ch + token.slice(at + 1);
          const r = read(tampered, key);
          // The last character's low bits may be padding bits base64url ignores: refused or equal.
          if (r.ok) expect(r.value).toEqual(ref);
          else expect(['claim-token-forged', 'claim-token-malformed']).toContain(r.reason);
        },
      ),
    );
    const otherSale = signClaimToken(
      { ...ref, saleId: '01JSALE00000000000000000043' },
      claimKeyFromTerminalToken(OTHER_TOKEN),
    );
    expect(read(otherSale, key)).toMatchObject({ ok: false, reason: 'claim-token-forged' });
  });

  it('round-trips any ids within the journal bound, non-ASCII included', () => {
    const key = claimKeyFromTerminalToken(TOKEN);
    const id = fc.string({ minLength: 1, maxLength: 64, unit: 'grapheme' }).filter((s) => s.length <= 64);
    fc.assert(
      fc.property(id, id, id, (storeId, terminalId, saleId) => {
        const token = signClaimToken({ storeId, terminalId, saleId }, key);
        expect(token.length).toBeLessThanOrEqual(MAX_CLAIM_TOKEN_LENGTH);
        expect(read(token, key)).toEqual({ ok: true, value: { storeId, terminalId, saleId } });
      }),
    );
  });

  it('bounded parsing with a readable reason', () => {
    const cases: [string, string][] = [
      ['', 'does not start with KASSA-C1:'],
      ['KASSA-C2:AAAA', 'does not start with KASSA-C1:'],
      ['https://example.com/?KASSA-C1:AAAA', 'does not start with KASSA-C1:'],
      ['KASSA-C1:', 'characters a claim code never has'],
      ['KASSA-C1:ab+/cd==', 'characters a claim code never has'],
      ['KASSA-C1:A', 'cut off or mistyped'],
      ['KASSA-C1:AAAA', 'cut off'],
      [`KASSA-C1:${'A'.repeat(MAX_CLAIM_TOKEN_LENGTH)}`, `longer than ${MAX_CLAIM_TOKEN_LENGTH} characters`],
      // Lengths that claim more than there is.
      [`KASSA-C1:${Buffer.from([200, 1, 2, 3]).toString('base64url')}`, 'cut off'],
    ];
    for (const [text, why] of cases) {
      const r = parseClaimToken(text);
      expect(r, text).toMatchObject({ ok: false, reason: 'claim-token-malformed' });
      expect(r.ok ? '' : r.message, text).toContain(why);
    }
    // A signed token with bytes appended after the MAC.
    const token = signClaimToken(ref, claimKeyFromTerminalToken(TOKEN));
    const bytes = Buffer.from(token.slice('KASSA-C1:'.length), 'base64url');
    const longer = `KASSA-C1:${Buffer.concat([bytes, Buffer.of(0)]).toString('base64url')}`;
    expect(parseClaimToken(longer)).toMatchObject({
      ok: false,
      message: expect.stringContaining('wrong length'),
    });
  });

  it('refuses to sign an id outside the journal bound (a bug at the caller)', () => {
    expect(() =>
      signClaimToken({ ...ref, saleId: 'x'.repeat(65) }, claimKeyFromTerminalToken(TOKEN)),
    ).toThrow(/out of bounds/);
  });
});
