import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { hotp, totp, verifyTotp, type TotpParams, type TotpWindow } from '../../../../core/scan/totp';
import { decodeBase32, encodeBase32 } from '../../../../core/scan/base32';

// RFC 4226 appendix D and RFC 6238 appendix B test vectors.
const SHA1_KEY = utf8ToBytes('12345678901234567890');
const SHA256_KEY = utf8ToBytes('12345678901234567890123456789012');
const SHA512_KEY = utf8ToBytes('1234567890123456789012345678901234567890123456789012345678901234');
const rfc = (algorithm: TotpParams['algorithm']): TotpParams => ({ digits: 8, stepSeconds: 30, algorithm });

describe('HOTP/TOTP (RFC 4226, RFC 6238)', () => {
  it('matches the RFC 4226 HOTP values', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(SHA1_KEY, counter, 6, 'sha1'))).toEqual(expected);
  });

  it.each([
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ])('matches the RFC 6238 values at T=%i s', (seconds, sha1, sha256, sha512) => {
    expect(totp(SHA1_KEY, seconds * 1000, rfc('sha1'))).toBe(sha1);
    expect(totp(SHA256_KEY, seconds * 1000, rfc('sha256'))).toBe(sha256);
    expect(totp(SHA512_KEY, seconds * 1000, rfc('sha512'))).toBe(sha512);
  });

  it('reads RFC 4648 base32 secrets as authenticator apps share them', () => {
    expect(decodeBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')).toEqual(SHA1_KEY);
    expect(decodeBase32('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')).toEqual(SHA1_KEY);
    expect(decodeBase32('not base32!')).toBeUndefined();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(decodeBase32(encodeBase32(bytes))).toEqual(bytes);
      }),
    );
  });

  const params: TotpParams & TotpWindow = { ...rfc('sha1'), toleranceSteps: 1, lookbackSteps: 20 };

  it('window: a code is valid within ±1 step, expired up to 20 steps back, wrong otherwise', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 32 }),
        fc.integer({ min: 10 ** 12, max: 4 * 10 ** 12 }),
        fc.integer({ min: -40, max: 40 }),
        (secret, madeAtMs, stepsLater) => {
          const code = totp(secret, madeAtMs, params);
          const r = verifyTotp(secret, code, madeAtMs + stepsLater * 30_000, params);
          if (Math.abs(stepsLater) <= 1) expect(r.ok).toBe(true);
          else if (stepsLater >= 2 && stepsLater <= 20) expect(r.ok ? 'ok' : r.reason).toBe('code-expired');
          else expect(r.ok ? 'ok' : r.reason).toBe('code-wrong');
        },
      ),
    );
  });

  it('a screenshot taken at T works for the rest of its step and the next, then says how old it is', () => {
    const t = Date.UTC(2026, 10, 25, 12, 0, 5);
    const code = totp(SHA1_KEY, t, params);
    expect(verifyTotp(SHA1_KEY, code, t + 50_000, params).ok).toBe(true);
    const later = verifyTotp(SHA1_KEY, code, t + 3 * 60_000, params);
    expect(later).toMatchObject({ ok: false, reason: 'code-expired' });
    expect(later.ok ? '' : later.message).toMatch(/3 minutes ago/);
  });

  it('a code from another member’s secret is wrong', () => {
    const t = 1_800_000_000_000;
    const other = utf8ToBytes('another member secret');
    expect(verifyTotp(SHA1_KEY, totp(other, t, params), t, params)).toMatchObject({ reason: 'code-wrong' });
  });
});
