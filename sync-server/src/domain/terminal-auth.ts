import type { TerminalInfo } from '../../../core/sync/protocol';
import { err, ok, type Result } from '../../../core/result/result';
import type { Storage } from '../storage/storage';
import { revocationOf, revokedMessage } from './terminal-revocation';
import { hashSecret } from './tokens';

/** Who is calling, as derived from the bearer token — never from the request body. */
export interface TerminalIdentity {
  terminalId: string;
  storeId: string;
}

/** Writing last-seen on every call would cost a write per pull; once a while is enough. */
const LAST_SEEN_RESOLUTION_MS = 30_000;

export async function authenticateTerminal(
  storage: Storage,
  token: string,
  now: number,
): Promise<Result<TerminalIdentity, 'token-unknown' | 'terminal-revoked'>> {
  const terminal = await storage.terminals.findByTokenHash(hashSecret(token));
  if (!terminal) return err('token-unknown', 'This terminal token is not known: pair the terminal again.');
  // One primary-key read per call: a revoked (e.g. cloned) credential is refused from the next call on.
  const revoked = await revocationOf(storage, terminal.terminalId);
  if (revoked) return err('terminal-revoked', revokedMessage(revoked));
  if (terminal.lastSeenAt === null || now - terminal.lastSeenAt >= LAST_SEEN_RESOLUTION_MS) {
    await storage.terminals.touch(terminal.terminalId, now);
  }
  return ok({ terminalId: terminal.terminalId, storeId: terminal.storeId });
}

/**
 * What a (re)installed till needs to resume: its store, the last seq the server has, and that
 * event's hash so the till continues the chain; and the seq below which it has every event, so a
 * till can tell that the server lost events it had acknowledged.
 */
export async function terminalInfo(storage: Storage, who: TerminalIdentity): Promise<TerminalInfo> {
  const [terminal, store] = await Promise.all([
    storage.terminals.get(who.terminalId),
    storage.stores.get(who.storeId),
  ]);
  if (!terminal || !store) throw new Error(`terminal ${who.terminalId} vanished after authentication`);
  const info = {
    terminalId: terminal.terminalId,
    storeId: store.storeId,
    store,
    lastSeq: terminal.maxSeq,
    contiguousSeq: terminal.contiguousSeq,
  };
  if (terminal.maxSeq === 0) return info;
  const [last] = await storage.journal.linksAt(terminal.terminalId, [terminal.maxSeq]);
  return last ? { ...info, lastHash: last.hash } : info;
}
