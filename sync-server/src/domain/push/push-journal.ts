import canonicalize from 'canonicalize';
import { checkChainLink } from '../../../core/journal/hash-chain';
import type { JournalEvent } from '../../../core/journal/sale-event';
import type { JournalPushRow } from '../../../core/sync/protocol';
import { err, ok, type Result } from '../../../core/result/result';
import type { ExceptionKind, StorageTx, Storage } from '../storage/port';
import { foldEvent } from './fold/folders';
import { advanceContiguous } from './seq-tracking';
import type { TerminalIdentity } from './terminal-auth';

/** A journal document as RxDB holds it: the event plus its `_deleted` flag. */
export type JournalDoc = JournalEvent & { _deleted: boolean };

export interface PushOutcome {
  /** RxDB's push answer: the master state of each conflicting document. */
  conflicts: JournalDoc[];
  accepted: number;
  duplicates: number;
  exceptions: number;
}

export type PushFailure = 'forbidden-terminal' | 'forbidden-store';

interface SeqState {
  contiguous: number;
  max: number;
}

type EventOutcome =
  | { kind: 'accepted'; seqs: SeqState; exceptions: number }
  | { kind: 'duplicate' }
  | { kind: 'conflict'; master: JournalDoc };

/**
 * Push and fold a batch of journal events from one terminal (DESIGN.md "Server folding").
 *
 *  1. Authority: every event must name the token's terminal and store; otherwise the whole batch
 *     is refused before anything is written.
 *  2. Order the batch by seq, so events of one batch chain to each other in order.
 *  3. One database transaction for the batch, holding the terminal's row lock: one commit/fsync
 *     per batch instead of one per event. Every event is all-or-nothing because the batch is.
 *     If folding one event fails (a bug, not an expected outcome), the batch is rolled back and
 *     folded again with ONE SAVEPOINT PER EVENT: the events before the failing one are committed,
 *     the failing one leaves no trace, and the error is answered (500) so the terminal retries
 *     from there. Savepoints cost two statements per event, so only this slow path pays them.
 *  4. Per event (foldOne): insert idempotent on id (a retry is a no-op, other content is a
 *     tamper conflict) → chain check against the neighbours → fold by type → seq bookkeeping.
 *  5. Store the terminal's new contiguous/max seq once per batch, then commit and answer.
 */
export async function pushJournal(
  storage: Storage,
  who: TerminalIdentity,
  rows: readonly JournalPushRow[],
  now: number,
): Promise<Result<PushOutcome, PushFailure>> {
  // Step 1 — the server derives identity from the token; a body cannot claim another till.
  for (const { newDocumentState: e } of rows) {
    if (e.terminalId !== who.terminalId) {
      return err(
        'forbidden-terminal',
        `Event ${e.id} belongs to terminal ${e.terminalId}, not to this terminal.`,
      );
    }
    if (e.storeId !== who.storeId) {
      return err(
        'forbidden-store',
        `Event ${e.id} belongs to store ${e.storeId}, not to this terminal's store.`,
      );
    }
  }
  // Step 2.
  const events = rows
    .map((r) => r.newDocumentState as JournalDoc)
    .sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : 1));

  // Step 3 — the fast path, then the event-by-event path if an event's fold throws.
  try {
    return ok(await storage.transaction((tx) => foldBatch(tx, who, events, now, false).then(unwrap)));
  } catch {
    const r = await storage.transaction((tx) => foldBatch(tx, who, events, now, true));
    if (r.failure !== undefined) throw r.failure;
    return ok(r.outcome);
  }
}

interface BatchResult {
  outcome: PushOutcome;
  /** With savepoints: the error of the first event that could not be folded (later ones were not tried). */
  failure?: unknown;
}

function unwrap(r: BatchResult): PushOutcome {
  if (r.failure !== undefined) throw r.failure;
  return r.outcome;
}

async function foldBatch(
  tx: StorageTx,
  who: TerminalIdentity,
  events: readonly JournalDoc[],
  now: number,
  savepoints: boolean,
): Promise<BatchResult> {
  const terminal = await tx.lockTerminal(who.terminalId);
  if (!terminal) throw new Error(`terminal ${who.terminalId} vanished after authentication`);
  let seqs: SeqState = { contiguous: terminal.contiguousSeq, max: terminal.maxSeq };
  const outcome: PushOutcome = { conflicts: [], accepted: 0, duplicates: 0, exceptions: 0 };
  let failure: unknown;
  for (const doc of events) {
    let r: EventOutcome;
    if (!savepoints) {
      r = await foldOne(tx, doc, seqs, now);
    } else {
      try {
        r = await tx.savepoint(() => foldOne(tx, doc, seqs, now));
      } catch (e) {
        failure = e;
        break;
      }
    }
    if (r.kind === 'accepted') {
      seqs = r.seqs;
      outcome.accepted++;
      outcome.exceptions += r.exceptions;
    } else if (r.kind === 'duplicate') {
      outcome.duplicates++;
    } else {
      outcome.conflicts.push(r.master);
      outcome.exceptions++;
    }
  }
  // Step 5.
  if (seqs.contiguous !== terminal.contiguousSeq || seqs.max !== terminal.maxSeq) {
    await tx.updateTerminalSeqs(who.terminalId, seqs.contiguous, seqs.max);
  }
  return failure === undefined ? { outcome } : { outcome, failure };
}

async function foldOne(tx: StorageTx, doc: JournalDoc, seqs: SeqState, now: number): Promise<EventOutcome> {
  const { _deleted: _ignored, ...event } = doc;
  const body = canonicalize(event) as string;
  const raise = (kind: ExceptionKind, message: string, detail: object, seq = event.seq, eventId = event.id) =>
    tx.insertException({
      kind,
      terminalId: event.terminalId,
      storeId: event.storeId,
      eventId,
      seq,
      message,
      detail: JSON.stringify(detail),
      detectedAt: now,
    });

  // 4a. Insert first, idempotent on id (INSERT … ON CONFLICT DO NOTHING); the server's own order
  //     is the serverSeq it returns. No row back means the id is already stored.
  //     The same step reads the neighbours the chain check (4c) needs.
  const { serverSeq, around } = await tx.insertJournalEventWithLinks({
    id: event.id,
    type: event.type,
    terminalId: event.terminalId,
    storeId: event.storeId,
    seq: event.seq,
    hash: event.hash,
    prevHash: event.prevHash,
    body,
    receivedAt: now,
  });
  if (serverSeq === undefined) {
    // 4b. Same id, same content: a retry — a no-op that answers success. Same id, other content:
    //     refused, the stored event is the conflict answer, and a tamper exception is raised.
    const existing = await tx.getJournalEvent(event.id);
    if (!existing) throw new Error(`event ${event.id} was refused but is not stored`);
    if (existing.body === body) return { kind: 'duplicate' };
    await raise(
      'tamper',
      `Event ${event.id} was pushed again with different content; the first version is kept.`,
      {
        storedHash: existing.hash,
        pushedHash: event.hash,
      },
    );
    return { kind: 'conflict', master: { ...(JSON.parse(existing.body) as JournalEvent), _deleted: false } };
  }

  // 4c. Chain check against the neighbours at seq-1, seq and seq+1 (read in 4a). An event whose
  //     own hash does not match its content was edited: it is kept as evidence (the sale may
  //     have happened) and raised as tamper; a prevHash that does not name the previous event's
  //     hash is a chain break.
  let exceptions = 0;
  const previous = around.find((l) => l.seq === event.seq - 1);
  const link = checkChainLink(event, previous?.hash);
  if (link) {
    await raise(link.reason === 'hash-mismatch' ? 'tamper' : 'chain-break', link.message, {
      reason: link.reason,
      prevHash: event.prevHash,
      expectedPrevHash: previous?.hash ?? null,
    });
    exceptions++;
  }
  //     …and the successor, when it arrived first (events can arrive out of order across batches).
  for (const next of around.filter((l) => l.seq === event.seq + 1)) {
    if (next.prevHash !== event.hash) {
      await raise(
        'chain-break',
        `Event ${next.id} (seq ${next.seq}) does not follow event ${event.id} (seq ${event.seq}).`,
        { prevHash: next.prevHash, expectedPrevHash: event.hash },
        next.seq,
        next.id,
      );
      exceptions++;
    }
  }
  //     A seq already taken by another event (e.g. a till reinstalled without resuming) is kept —
  //     the sale happened — and raised for a manager.
  if (around.some((l) => l.seq === event.seq)) {
    await raise(
      'seq-reused',
      `Seq ${event.seq} of terminal ${event.terminalId} arrived twice under different ids.`,
      {},
    );
    exceptions++;
  }

  // 4d. Fold by type (sales + lines now; ledger and accounts with the loyalty work).
  await foldEvent(tx, event, serverSeq);

  // 4e. New contiguous/max: the common case (the next seq, nothing above) needs no query.
  const max = Math.max(seqs.max, event.seq);
  let contiguous = seqs.contiguous;
  if (event.seq === contiguous + 1) {
    contiguous =
      event.seq >= seqs.max
        ? event.seq
        : advanceContiguous(contiguous, await tx.journalSeqsAbove(event.terminalId, contiguous));
  }
  return { kind: 'accepted', seqs: { contiguous, max }, exceptions };
}
