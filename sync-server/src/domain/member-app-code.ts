import {
  MEMBER_APP_QR_FORMAT,
  memberAppCodeChangesAt,
  memberAppOtpauthUri,
  memberAppQrText,
} from '../../../core/loyalty/member-app-code';
import { err, ok, type Result } from '../../../core/result/result';
import type { Storage } from '../storage/storage';
import { currentMemberAppKey } from './member-app-keys';

/** What a member's app shows at a moment, for a tester or a support desk (admin only). */
export interface MemberAppCode {
  memberId: string;
  /** The moment asked for (epoch ms) and when the code changes. */
  at: number;
  changesAt: number;
  /** The last moment a till still takes it (one step of tolerance for a slow scan or clock drift). */
  acceptedUntil: number;
  /** `KASSA-M:<memberId>:<code>`: what the QR code says, and what a wedge scanner types. */
  qrText: string;
  keyId: string;
  /** Provisions an authenticator / member app with the member's secret. Treat it as a secret. */
  otpauthUri: string;
}

/** A member by id or card; the code under the current key at `at`. */
export async function memberAppCode(
  storage: Storage,
  cardOrId: string,
  at: number,
  now: number,
): Promise<Result<MemberAppCode, 'not-found'>> {
  const ref = cardOrId.trim();
  const m = (await storage.members.get(ref)) ?? (await storage.members.byCard(ref));
  if (!m) return err('not-found', `No member has the id or card "${cardOrId}".`);
  const { keyId, key } = await currentMemberAppKey(storage, now);
  const changesAt = memberAppCodeChangesAt(at, MEMBER_APP_QR_FORMAT);
  const { toleranceSteps, stepSeconds } = MEMBER_APP_QR_FORMAT;
  return ok({
    memberId: m.memberId,
    at,
    changesAt,
    acceptedUntil: changesAt + toleranceSteps * stepSeconds * 1000 - 1,
    qrText: memberAppQrText(key, m.memberId, at),
    keyId,
    otpauthUri: memberAppOtpauthUri(key, m.memberId),
  });
}
