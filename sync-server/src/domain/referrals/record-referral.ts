import type { EnrolmentEvent } from '../../../../core/journal/enrolment-event';
import { parseReferralCode } from '../../../../core/loyalty/referral-code';
import { referralsOf } from '../../storage/repos/referrals';
import type { StorageTx } from '../../storage/storage';

/**
 * The referral an enrolment names (its optional referral code, core/loyalty/referral-code.ts):
 * the code is resolved to the referrer and the link — who referred whom, when, at which till — is
 * recorded once, for the referral credit to reward both on the referee's first purchase. A code
 * that names no member (or more than one), or names the new member themself (their own id, or an
 * account with the same phone or e-mail), raises `referral-unknown` or `referral-self` and
 * records nothing; the enrolment always stands. Called by the enrolment projection once the
 * member exists.
 */
export async function recordReferral(tx: StorageTx, e: EnrolmentEvent): Promise<void> {
  if (e.referralCode === null || e.referralCode.trim() === '') return;
  const typed = e.referralCode;
  const raise = async (kind: 'referral-unknown' | 'referral-self', why: string): Promise<void> => {
    await tx.exceptions.insert({
      kind,
      terminalId: e.terminalId,
      storeId: e.storeId,
      eventId: e.id,
      seq: e.seq,
      message: `Enrolment ${e.id} (seq ${e.seq}) gave referral code "${typed}", which ${why}; the member was enrolled, and nobody is rewarded for the referral.`,
      detail: JSON.stringify({ referralCode: typed, memberId: e.memberId }),
      detectedAt: e.createdAt,
      dedupeKey: `${kind}:${e.terminalId}:${e.id}`,
    });
  };
  const code = parseReferralCode(typed);
  if (code === undefined) return raise('referral-unknown', 'is not a referral code (ten letters and digits)');
  const repo = referralsOf(tx.db);
  const named = await repo.membersEndingIn(code);
  if (named.length !== 1) {
    return raise('referral-unknown', named.length === 0 ? 'names no member' : 'names more than one member');
  }
  const referrerId = named[0] as string;
  if (referrerId === e.memberId) return raise('referral-self', "is the new member's own code");
  const referrer = await tx.members.get(referrerId);
  const samePhone = e.phoneHash !== null && referrer?.phoneHash === e.phoneHash;
  const sameEmail =
    e.email !== null && referrer?.email != null && referrer.email.toLowerCase() === e.email.toLowerCase();
  if (samePhone || sameEmail) {
    return raise(
      'referral-self',
      `belongs to member ${referrerId}, who has the same ${samePhone ? 'phone number' : 'e-mail address'}`,
    );
  }
  await repo.insert({
    refereeId: e.memberId,
    referrerId,
    code,
    referredAt: e.createdAt,
    enrolmentId: e.id,
    terminalId: e.terminalId,
    storeId: e.storeId,
  });
}
