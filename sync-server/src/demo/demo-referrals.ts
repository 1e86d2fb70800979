import { parseReferralCode, referralCodeOf } from '../../../core/loyalty/referral-code';
import { referralsOf } from '../storage/repos/referrals';
import type { Storage } from '../storage/storage';
import { DEMO_STORE } from './demo-catalogue';
import { demoMemberId, SEED_SYSTEM_MEMBERS } from './demo-members';

/**
 * The demo's referral (issue 8's Dropbox/Xero seed system): Jesse (the referrer) referred Yara
 * (the `referred` friend), as if she had enrolled with his code at the demo store's till. Her
 * first purchase at any till then rewards both of them on the server (domain/referrals).
 * Idempotent: a referral is recorded once per friend (and not at all once she has bought).
 */
export async function seedDemoReferrals(storage: Storage, now: number): Promise<void> {
  const refereeId = demoMemberId(SEED_SYSTEM_MEMBERS.referee);
  const referrerId = demoMemberId(SEED_SYSTEM_MEMBERS.referrer);
  const code = parseReferralCode(referralCodeOf(referrerId) ?? '');
  if (code === undefined) throw new Error(`demo member ${referrerId} has no referral code`);
  await storage.transaction(async (tx) => {
    // A demo data dir where Yara bought before v2 had her welcome at the till: no second one.
    if (((await tx.members.get(refereeId))?.counters.purchaseCount ?? 0) > 0) return;
    await referralsOf(tx.db).insert({
      refereeId,
      referrerId,
      code,
      referredAt: now,
      enrolmentId: 'demo-seed',
      terminalId: 'hq',
      storeId: DEMO_STORE.storeId,
    });
  });
}
