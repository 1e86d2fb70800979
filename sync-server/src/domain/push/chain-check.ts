import { GENESIS_HASH } from '../../../../core/journal/sale-event';
import type { Envelope } from '../../../../core/journal/envelope';
import type { JournalLink } from '../../storage/repos/journal';

/** One chain finding, to be raised as an exception for a manager. */
export interface ChainFinding {
  kind: 'tamper' | 'chain-break' | 'seq-reused';
  eventId: string;
  seq: number;
  message: string;
  detail: Record<string, unknown>;
}

export interface NewLink {
  envelope: Envelope;
  /** Whether the document as received hashes to its own `hash` (computed once by the caller). */
  hashMatches: boolean;
  /** Its serverSeq once stored: the fresh events take part from memory, whatever `stored` holds. */
  serverSeq?: number;
}

/**
 * The hash-chain checks of a batch of newly stored events against each other and against the
 * terminal's events already stored (`stored`: the terminal's events at the batch's seqs ±1, at
 * most the oldest few per seq; the fresh events are added from memory). Pure.
 * - An event whose own hash does not match its content was edited: kept as evidence (the sale may
 *   have happened) and raised as tamper.
 * - A prevHash that names no event at seq − 1 is a chain break; so is a stored successor at seq + 1
 *   that does not name this event (events arrive out of order across batches).
 * - A seq already taken by another event (a till reinstalled without resuming) is seq-reused.
 */
export function checkChain(fresh: readonly NewLink[], stored: readonly JournalLink[]): ChainFinding[] {
  const findings: ChainFinding[] = [];
  const freshIds = new Set(fresh.map((f) => f.envelope.id));
  const at = new Map<number, JournalLink[]>();
  const add = (l: JournalLink) => {
    const list = at.get(l.seq);
    if (list) list.push(l);
    else at.set(l.seq, [l]);
  };
  const storedIds = new Set<string>();
  for (const l of stored) {
    add(l);
    storedIds.add(l.id);
  }
  // `stored` is capped per seq (the oldest few): the batch's own events may be beyond the cap.
  for (const { envelope: e, serverSeq } of fresh) {
    if (storedIds.has(e.id)) continue;
    storedIds.add(e.id);
    add({
      id: e.id,
      seq: e.seq,
      hash: e.hash,
      prev_hash: e.prevHash,
      server_seq: serverSeq ?? Number.MAX_SAFE_INTEGER,
    });
  }
  for (const list of at.values()) list.sort((a, b) => a.server_seq - b.server_seq);

  for (const { envelope: e, hashMatches } of fresh) {
    if (!hashMatches) {
      findings.push({
        kind: 'tamper',
        eventId: e.id,
        seq: e.seq,
        message: `Event ${e.id} (seq ${e.seq}) does not match its hash: it was edited after it was written.`,
        detail: { reason: 'hash-mismatch', hash: e.hash },
      });
    }
    const previous = (at.get(e.seq - 1) ?? []).filter((l) => l.id !== e.id);
    const expected = e.seq === 1 ? [GENESIS_HASH] : previous.map((l) => l.hash);
    if (expected.length > 0 && !expected.includes(e.prevHash)) {
      findings.push({
        kind: 'chain-break',
        eventId: e.id,
        seq: e.seq,
        message: `Event ${e.id} (seq ${e.seq}) does not follow the terminal's previous event.`,
        detail: { reason: 'prev-hash-mismatch', prevHash: e.prevHash, expectedPrevHash: expected[0] ?? null },
      });
    }
    for (const next of at.get(e.seq + 1) ?? []) {
      if (freshIds.has(next.id) || next.prev_hash === e.hash) continue;
      findings.push({
        kind: 'chain-break',
        eventId: next.id,
        seq: next.seq,
        message: `Event ${next.id} (seq ${next.seq}) does not follow event ${e.id} (seq ${e.seq}).`,
        detail: { prevHash: next.prev_hash, expectedPrevHash: e.hash },
      });
    }
    if (
      (at.get(e.seq) ?? []).some(
        (l) => l.id !== e.id && (!freshIds.has(l.id) || l.server_seq < serverSeqOf(at, e)),
      )
    ) {
      findings.push({
        kind: 'seq-reused',
        eventId: e.id,
        seq: e.seq,
        message: `Seq ${e.seq} of terminal ${e.terminalId} arrived twice under different ids.`,
        detail: {},
      });
    }
  }
  return findings;
}

function serverSeqOf(at: Map<number, JournalLink[]>, e: Envelope): number {
  return (at.get(e.seq) ?? []).find((l) => l.id === e.id)?.server_seq ?? Number.MAX_SAFE_INTEGER;
}
