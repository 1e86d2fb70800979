import { createHash, randomBytes } from 'node:crypto';
import { DEMO_SCAN_CONFIG } from '../../../core/scan/scan-config';
import type { SignedCodeFormat, SignedCodeKey } from '../../../core/scan/signed-code';
import { COUPON_FORMAT_ID, GIFT_CARD_FORMAT_ID, type CodeKeys } from '../../../core/sync/terminal-keys';
import type { ServerSecret } from '../storage/repos/server-secrets';
import type { Repos } from '../storage/storage';

/**
 * The chain's keys for signed codes (coupons, gift cards; core/scan/signed-code.ts), one named
 * secret per format in server_secrets (`code-key:<formatId>`), made by the first use and shared by
 * every instance like the member-app key (member-app-keys.ts). Tills get them with their terminal
 * keys and verify codes offline; the server signs the codes it issues with the newest.
 *
 * server_secrets.key_id is unique over every secret, and two formats may name their keys alike
 * (the demo's are both 'demo-2026'), so the column holds `<formatId>/<keyId>`.
 */
export const CODE_KEY_FORMATS = [COUPON_FORMAT_ID, GIFT_CARD_FORMAT_ID] as const;
/** The current key and the one before, while codes signed with it are still about. */
export const CODE_KEYS_SERVED = 2;

const secretName = (formatId: string) => `code-key:${formatId}`;
const storedKeyId = (formatId: string, keyId: string) => `${formatId}/${keyId}`;

function toKey(s: ServerSecret): SignedCodeKey {
  const slash = s.keyId.indexOf('/');
  return { id: s.keyId.slice(slash + 1), secret: new Uint8Array(Buffer.from(s.secret, 'base64url')) };
}

function secretOf(formatId: string, generation: number, key: SignedCodeKey, now: number): ServerSecret {
  return {
    name: secretName(formatId),
    generation,
    keyId: storedKeyId(formatId, key.id),
    secret: Buffer.from(key.secret).toString('base64url'),
    createdAt: now,
  };
}

function newKey(): SignedCodeKey {
  const secret = new Uint8Array(randomBytes(32));
  // Names the key without telling anything about it: 8 hex of its SHA-256.
  return { id: createHash('sha256').update(secret).digest('hex').slice(0, 8), secret };
}

/**
 * The format's keys, newest first, making the first when there is none. Two instances making it
 * at once both insert generation 1; one insert wins and both read it back.
 */
export async function codeKeysOf(repos: Repos, formatId: string, now: number): Promise<SignedCodeKey[]> {
  const found = await repos.serverSecrets.newest(secretName(formatId), CODE_KEYS_SERVED);
  if (found.length > 0) return found.map(toKey);
  await repos.serverSecrets.add(secretOf(formatId, 1, newKey(), now));
  return (await repos.serverSecrets.newest(secretName(formatId), CODE_KEYS_SERVED)).map(toKey);
}

/** The key the server signs new codes of this format with (the newest generation). */
export async function codeKey(repos: Repos, formatId: string, now = 0): Promise<SignedCodeKey> {
  const [current] = await codeKeysOf(repos, formatId, now);
  if (!current) throw new Error(`the ${formatId} key could not be made`);
  return current;
}

/**
 * The format as the scan config declares it (DEMO_SCAN_CONFIG: prefix, fields, MAC length) with
 * the chain's keys, newest first: what signs and verifies this format on the server.
 */
export async function signedCodeFormat(repos: Repos, formatId: string, now = 0): Promise<SignedCodeFormat> {
  const format = DEMO_SCAN_CONFIG.signedCodes.find((f) => f.id === formatId);
  if (!format) throw new Error(`no signed-code format ${formatId}`);
  return { ...format, keys: await codeKeysOf(repos, formatId, now) };
}

/** What a till gets in the terminal keys' `codes`: every format's keys, base64url. */
export async function terminalCodeKeys(repos: Repos, now: number): Promise<CodeKeys[]> {
  const out: CodeKeys[] = [];
  for (const formatId of CODE_KEY_FORMATS) {
    const keys = await codeKeysOf(repos, formatId, now);
    out.push({
      formatId,
      keys: keys.map((k) => ({ keyId: k.id, key: Buffer.from(k.secret).toString('base64url') })),
    });
  }
  return out;
}

/**
 * Makes `key` the format's current key unless it already is (the demo seed: codes printed with
 * the public demo keys then verify). An older key stays served as the previous one.
 */
export async function useCodeKey(
  repos: Repos,
  formatId: string,
  key: SignedCodeKey,
  now: number,
): Promise<boolean> {
  const [newest] = await repos.serverSecrets.newest(secretName(formatId), 1);
  if (newest && newest.secret === Buffer.from(key.secret).toString('base64url')) return false;
  return repos.serverSecrets.add(secretOf(formatId, (newest?.generation ?? 0) + 1, key, now));
}
