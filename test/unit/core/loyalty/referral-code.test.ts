import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReferralCode, referralCodeOf } from '../../../../core/loyalty/referral-code';

const ID = '01JD8Q2R5V7Q2KMX9D4TBC3WNE';

describe('referral codes', () => {
  it('is the last ten characters of a ULID member id, in two groups of five', () => {
    expect(referralCodeOf(ID)).toBe('9D4TB-C3WNE');
  });

  it('a member id that is not a ULID has no code', () => {
    expect(referralCodeOf('M1')).toBeNull();
    expect(referralCodeOf('01jd8q2r5v7q2kmx9d4tbc3wne')).toBeNull();
  });

  it('reads a code as a person types it: case, spaces, dashes and look-alike letters', () => {
    expect(parseReferralCode('9D4TB-C3WNE')).toBe('9D4TBC3WNE');
    expect(parseReferralCode(' 9d4tb c3wne ')).toBe('9D4TBC3WNE');
    expect(parseReferralCode('9D4TBC3WNE')).toBe('9D4TBC3WNE');
    expect(parseReferralCode('OOIL0-00000')).toBe('0011000000');
  });

  it('refuses what cannot be a code', () => {
    for (const bad of ['', '9D4TB-C3WN', '9D4TB-C3WNEE', '9D4TB-C3WNU', 'FRIEND-42', 'x'.repeat(65)]) {
      expect(parseReferralCode(bad)).toBeUndefined();
    }
  });

  it('the code of any ULID reads back as the id’s ending', () => {
    const ulid = fc.stringMatching(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    fc.assert(
      fc.property(ulid, (id) => {
        const code = referralCodeOf(id) as string;
        expect(parseReferralCode(code)).toBe(id.slice(-10));
        expect(parseReferralCode(code.toLowerCase())).toBe(id.slice(-10));
      }),
    );
  });
});
