import { ulid } from 'ulid';
import type { PairResponse } from '../../../core/sync/protocol';
import { err, ok, type Result } from '../../../core/result/result';
import type { Storage } from '../storage/storage';
import { hashSecret, newPairingCode, newToken, normalizePairingCode } from './tokens';

export const DEFAULT_PAIRING_TTL_MS = 24 * 60 * 60 * 1000;

export interface IssuedPairingCode {
  code: string;
  storeId: string;
  expiresAt: number;
}

/** An admin asks for a one-time code for a store; only its hash is kept. */
export async function issuePairingCode(
  storage: Storage,
  storeId: string,
  now: number,
  ttlMs: number = DEFAULT_PAIRING_TTL_MS,
): Promise<Result<IssuedPairingCode, 'store-unknown'>> {
  if (!(await storage.stores.get(storeId))) return err('store-unknown', `There is no store "${storeId}".`);
  const code = newPairingCode();
  const expiresAt = now + ttlMs;
  await storage.pairing.insert({ codeHash: hashSecret(code), storeId, createdAt: now, expiresAt });
  return ok({ code, storeId, expiresAt });
}

export type PairingFailure = 'pairing-code-unknown' | 'pairing-code-used' | 'pairing-code-expired';

/**
 * A terminal exchanges a code for its own identity and bearer token. Single use is enforced by a
 * conditional update inside the transaction, so two tills racing with one code cannot both win.
 */
export async function pairTerminal(
  storage: Storage,
  input: { code: string; terminalName?: string | undefined },
  now: number,
): Promise<Result<PairResponse, PairingFailure>> {
  const codeHash = hashSecret(normalizePairingCode(input.code));
  return storage.transaction(async (tx) => {
    const code = await tx.pairing.get(codeHash);
    if (!code)
      return err('pairing-code-unknown', 'This pairing code is not known. Check it or ask for a new one.');
    if (code.usedAt !== null)
      return err('pairing-code-used', 'This pairing code was already used. Ask for a new one.');
    if (code.expiresAt <= now)
      return err('pairing-code-expired', 'This pairing code has expired. Ask for a new one.');
    const store = await tx.stores.get(code.storeId);
    if (!store) return err('pairing-code-unknown', 'The store of this pairing code no longer exists.');
    const terminalId = `T${ulid(now)}`;
    if (!(await tx.pairing.markUsed(codeHash, terminalId, now))) {
      return err('pairing-code-used', 'This pairing code was already used. Ask for a new one.');
    }
    const token = newToken();
    await tx.terminals.insert({
      terminalId,
      storeId: store.storeId,
      name: input.terminalName ?? null,
      tokenHash: hashSecret(token),
      pairedAt: now,
    });
    return ok({ terminalId, storeId: store.storeId, token, store });
  });
}

/**
 * The store a submitted code belongs to — valid, used or expired alike — or undefined for a code
 * nobody issued. The pairing lockout counts wrong codes per store with it.
 */
export async function pairingCodeStore(storage: Storage, code: string): Promise<string | undefined> {
  return (await storage.pairing.get(hashSecret(normalizePairingCode(code))))?.storeId;
}
