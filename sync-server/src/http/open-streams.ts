import type { Logger } from 'pino';
import { listRevocations, revocationCount } from '../domain/terminal-revocation';
import type { Storage } from '../storage/storage';

/** How often a server looks for revocations made elsewhere (the CLI, another instance). */
export const REVOCATION_POLL_MS = 2_000;

/** Terminal ids per query when checking open streams (well below both dialects' parameter limits). */
const CHECK_CHUNK = 500;

/** The open SSE streams by terminal, so a revoked terminal's streams can be closed. */
export class OpenStreams {
  private readonly byTerminal = new Map<string, Set<() => void>>();
  /** Terminals whose stream opened since the last revocation check. */
  private fresh = new Set<string>();

  /** Registers a stream's close function; the returned function forgets it. */
  add(terminalId: string, close: () => void): () => void {
    let set = this.byTerminal.get(terminalId);
    if (!set) this.byTerminal.set(terminalId, (set = new Set()));
    set.add(close);
    this.fresh.add(terminalId);
    return () => {
      set.delete(close);
      if (set.size === 0 && this.byTerminal.get(terminalId) === set) this.byTerminal.delete(terminalId);
    };
  }

  /** Closes every open stream of the terminal; returns how many. */
  closeTerminal(terminalId: string): number {
    const closes = [...(this.byTerminal.get(terminalId) ?? [])];
    for (const close of closes) close();
    return closes.length;
  }

  closeAll(): void {
    for (const id of [...this.byTerminal.keys()]) this.closeTerminal(id);
  }

  terminalIds(): string[] {
    return [...this.byTerminal.keys()];
  }

  takeFresh(): string[] {
    const ids = [...this.fresh].filter((id) => this.byTerminal.has(id));
    this.fresh = new Set();
    return ids;
  }
}

/**
 * Closes the streams of terminals revoked outside this process. The admin API closes them at once
 * (same process); a CLI revocation or one on another instance is seen within `everyMs`: one count
 * query per period, and the open terminals are checked only when it changed or a stream opened
 * since (a stream authenticated just before a revocation it might otherwise miss).
 */
export function watchRevocations(
  storage: Storage,
  streams: OpenStreams,
  everyMs: number,
  log: Logger,
): () => void {
  let seen: number | undefined;
  let running = false;
  const check = async () => {
    const fresh = streams.takeFresh();
    if (streams.terminalIds().length === 0) return;
    const count = await revocationCount(storage);
    const ids = count !== seen ? streams.terminalIds() : fresh;
    seen = count;
    for (let i = 0; i < ids.length; i += CHECK_CHUNK) {
      for (const r of await listRevocations(storage, ids.slice(i, i + CHECK_CHUNK))) {
        const closed = streams.closeTerminal(r.terminalId);
        if (closed > 0) log.warn({ terminalId: r.terminalId, closed }, 'revoked terminal: streams closed');
      }
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    check()
      .catch((e: unknown) => log.warn({ err: e }, 'revocation check failed; next period retries'))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
