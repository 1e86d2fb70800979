/**
 * A member's own referral code (issue 8, "refer a friend"): the last ten characters of their member
 * id, a ULID, shown in two groups of five ("7Q2KM-X9D4T"). A ULID ends in 80 random bits, so the
 * code carries 50 of them: short enough to read out and type at the till, not guessable, and
 * sparse enough that a typo almost never names another member (at 100,000 members, about one
 * typo in 10^10 does). Derived, never stored: the till shows it from the member id it already
 * holds, the server finds the referrer by the id's ending. A member id that is not a ULID (a test's
 * "M1") has no code.
 */
export const REFERRAL_CODE_LENGTH = 10;

const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]+$/;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** The code a member gives their friends, grouped for reading; null for a member id that is not a ULID. */
export function referralCodeOf(memberId: string): string | null {
  if (!ULID.test(memberId)) return null;
  const tail = memberId.slice(-REFERRAL_CODE_LENGTH);
  return `${tail.slice(0, 5)}-${tail.slice(5)}`;
}

/**
 * What a typed code names: the ten characters of the member id's ending, or undefined when it
 * cannot be a referral code. Forgiving as Crockford base 32 is: case, spaces and dashes do not
 * matter, and O reads as 0, I and L as 1.
 */
export function parseReferralCode(typed: string): string | undefined {
  if (typed.length > 64) return undefined;
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return s.length === REFERRAL_CODE_LENGTH && CROCKFORD.test(s) ? s : undefined;
}
