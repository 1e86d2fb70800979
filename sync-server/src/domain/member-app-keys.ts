import { randomBytes } from 'node:crypto';
import { memberAppKeyId, type MemberAppKey } from '../../../core/loyalty/member-app-code';
import type { ServerSecret } from '../storage/repos/server-secrets';
import type { Storage } from '../storage/storage';

/**
 * The chain's member-app key (core/loyalty/member-app-code.ts derives each member's TOTP secret
 * from it). Made by the first server start, kept in the database so every instance shares it;
 * every till receives it (GET /sync/v1/terminal/keys) to verify app codes offline.
 */
export const MEMBER_APP_SECRET = 'member-app';
/** How many generations a till keeps verifying: the current key and the one before (a rotation). */
export const MEMBER_APP_KEYS_SERVED = 2;

const toKey = (s: ServerSecret): MemberAppKey => ({
  keyId: s.keyId,
  key: new Uint8Array(Buffer.from(s.secret, 'base64url')),
});

function newGeneration(generation: number, now: number): ServerSecret {
  const key = new Uint8Array(randomBytes(32));
  return {
    name: MEMBER_APP_SECRET,
    generation,
    keyId: memberAppKeyId(key),
    secret: Buffer.from(key).toString('base64url'),
    createdAt: now,
  };
}

/**
 * The current key and the previous one (newest first), making the first when there is none.
 * Two instances starting at once both try generation 1; the insert keeps one and both read it.
 */
export async function memberAppKeys(storage: Storage, now: number): Promise<MemberAppKey[]> {
  const found = await storage.serverSecrets.newest(MEMBER_APP_SECRET, MEMBER_APP_KEYS_SERVED);
  if (found.length > 0) return found.map(toKey);
  await storage.serverSecrets.add(newGeneration(1, now));
  return (await storage.serverSecrets.newest(MEMBER_APP_SECRET, MEMBER_APP_KEYS_SERVED)).map(toKey);
}

/** The key members' codes are made with now (the newest generation). */
export async function currentMemberAppKey(storage: Storage, now: number): Promise<MemberAppKey> {
  const [current] = await memberAppKeys(storage, now);
  if (!current) throw new Error('the member-app key could not be made');
  return current;
}

/**
 * A new generation: member apps are re-provisioned with it (their otpauth URI changes) while tills
 * still accept the previous key's codes. Not on a schedule; an operator's decision (a stolen till).
 */
export async function rotateMemberAppKey(storage: Storage, now: number): Promise<MemberAppKey> {
  const [newest] = await storage.serverSecrets.newest(MEMBER_APP_SECRET, 1);
  const next = newGeneration((newest?.generation ?? 0) + 1, now);
  await storage.serverSecrets.add(next);
  return currentMemberAppKey(storage, now);
}
