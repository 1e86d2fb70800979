import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { admitEvent, type Admission } from '../../../../core/journal/admission';
import { envelopeSchema, pickEnvelope, type Envelope } from '../../../../core/journal/envelope';
import type { JournalEvent } from '../../../../core/journal/sale-event';
import type { JournalPushRow, PushedJournalDoc, RefusedEvent } from '../../../../core/sync/protocol';
import { err, ok, type Result } from '../../../../core/result/result';
import type { NewException } from '../../storage/repos/exceptions';
import type { StorageTx, Storage } from '../../storage/storage';
import { catchUpStream } from '../projections/catch-up';
import { DEFAULT_FOLD_CONFIG } from '../projections/default-projections';
import type { FoldConfig, FoldInput } from '../projections/projection';
import { foldInto } from '../projections/run-projection';
import type { TerminalIdentity } from '../terminal-auth';
import { storedDocument } from '../projections/fold-inputs';
import { checkChain } from './chain-check';
import { raisePostAdmissionChecks } from './post-admission-checks';
import { raiseParked } from '../exceptions/derived';

export interface PushOutcome {
  /** RxDB's push answer: the master state of each conflicting document (same id, other content). */
  conflicts: PushedJournalDoc[];
  /** Events refused (422): nothing of them was stored; every other event was. */
  refused: RefusedEvent[];
  accepted: number;
  duplicates: number;
  parked: number;
  exceptions: number;
  foldFailures: number;
}

export type PushFailure = 'forbidden-terminal' | 'forbidden-store';

/** An admitted event on its way into the journal. */
interface Incoming {
  envelope: Envelope;
  /** Canonical JSON of the document as received, without `hash` and `_deleted`: what the hash covers. */
  body: string;
  /** sha256(body) is the event's own hash: it was not edited. */
  hashMatches: boolean;
  event: JournalEvent | undefined;
  parked?: { reason: string; message: string };
}

/**
 * Push a batch of journal events from one terminal (DESIGN.md "Server folding: accept, then
 * project"). One database transaction for the batch, holding the terminal's row lock (one commit,
 * one fsync per batch):
 *
 *  1. Admission, per event (core/journal/admission.ts, pure): the envelope strictly, authority
 *     (an event of another terminal or store refuses the WHOLE batch: that is a bad till, not a
 *     bad event), `_deleted`, the seq jump bound, and the body against its type and version with
 *     every bound. A refused event is not stored; it is listed in the answer (422) and raised once.
 *     An event of an unknown type or a newer version is not refused: it is stored and parked.
 *  2. ACCEPT: insert the admitted events as received (canonical JSON of the whole document),
 *     idempotent on (terminal, id). An id this terminal already used: same content → a retry,
 *     a no-op; other content → refused as a conflict (the stored copy is the answer) and raised
 *     as tamper, once. Ids are scoped to the terminal: no answer carries another terminal's event.
 *  3. Checks that raise, never refuse: the hash chain against the stored neighbours (tamper,
 *     chain-break, seq-reused), totals that do not add up, parked events.
 *  4. PROJECT: every projection folds the new events behind its cursor for this terminal's
 *     stream (a projection that is behind, e.g. new in this release, first catches up from the
 *     journal). A projection's fold that throws is retried event by event; an event that still
 *     fails is recorded as fold-failed and the push succeeds: nothing stops a till's sync.
 */
export async function pushJournal(
  storage: Storage,
  who: TerminalIdentity,
  rows: readonly JournalPushRow[],
  now: number,
  config: FoldConfig = DEFAULT_FOLD_CONFIG,
  /**
   * Runs inside the push's transaction once it is folded, before the commit: what the caller
   * records with the push (the till's report) shares its commit instead of paying for its own.
   */
  afterFold?: (tx: StorageTx, outcome: PushOutcome) => Promise<void>,
): Promise<Result<PushOutcome, PushFailure>> {
  // Authority first, before any database work: the server derives identity from the token, and a
  // body that names another terminal or store refuses the whole batch (admission checks it again).
  for (const { newDocumentState: d } of rows) {
    if (typeof d.terminalId === 'string' && d.terminalId !== who.terminalId) {
      return err(
        'forbidden-terminal',
        `Event ${String(d.id)} belongs to terminal ${d.terminalId}, not to this terminal.`,
      );
    }
    if (typeof d.storeId === 'string' && d.storeId !== who.storeId) {
      return err(
        'forbidden-store',
        `Event ${String(d.id)} belongs to store ${d.storeId}, not to this terminal's store.`,
      );
    }
  }
  return storage.transaction(async (tx) => {
    const r = await pushInTransaction(tx, who, rows, now, config);
    if (r.ok && afterFold) await afterFold(tx, r.value);
    return r;
  });
}

async function pushInTransaction(
  tx: StorageTx,
  who: TerminalIdentity,
  rows: readonly JournalPushRow[],
  now: number,
  config: FoldConfig,
): Promise<Result<PushOutcome, PushFailure>> {
  const { terminal, store } = await tx.terminals.lockWithStore(who.terminalId, who.storeId, tx.stores);
  if (!terminal || !store) throw new Error(`terminal ${who.terminalId} vanished after authentication`);
  const outcome: PushOutcome = {
    conflicts: [],
    refused: [],
    accepted: 0,
    duplicates: 0,
    parked: 0,
    exceptions: 0,
    foldFailures: 0,
  };
  const raise = async (e: Omit<NewException, 'terminalId' | 'storeId' | 'detectedAt'>) => {
    if (
      await tx.exceptions.insert({
        ...e,
        terminalId: who.terminalId,
        storeId: who.storeId,
        detectedAt: now,
      })
    )
      outcome.exceptions++;
  };

  // Step 1 — admission.
  const ctx = {
    terminalId: who.terminalId,
    storeId: who.storeId,
    storeCurrency: store.currency,
    terminalMaxSeq: terminal.maxSeq,
    ...(config.registry ? { registry: config.registry } : {}),
  };
  const admitted: Incoming[] = [];
  for (const { newDocumentState: doc } of rows) {
    const a = admitSafely(doc, ctx);
    if (a.kind === 'forbidden') return err(a.reason, a.message);
    if (a.kind === 'refused') {
      const { kind: _k, ...refused } = a;
      outcome.refused.push(refused);
      await raise({
        kind: 'event-refused',
        eventId: a.id,
        seq: a.seq,
        message: a.message,
        detail: JSON.stringify({ reason: a.reason, path: a.path }),
        // Not a serialisation of the document: a refused one may be nested too deep to serialise.
        dedupeKey: `event-refused:${who.terminalId}:${a.id ?? ''}:${digest(`${a.reason}:${a.path}:${String(doc.hash)}`)}`,
      });
      continue;
    }
    // One canonical serialisation per event serves both the store and the hash check.
    const { _deleted: _flag, hash: _hash, ...covered } = doc;
    const body = canonicalize(covered) as string;
    admitted.push({
      envelope: a.envelope,
      body,
      hashMatches: sha256Hex(body) === a.envelope.hash,
      event: a.kind === 'understood' ? a.event : undefined,
      ...(a.kind === 'parked' ? { parked: { reason: a.reason, message: a.message } } : {}),
    });
  }
  admitted.sort((x, y) => x.envelope.seq - y.envelope.seq || (x.envelope.id < y.envelope.id ? -1 : 1));

  // Step 2 — accept: insert, then tell retries from conflicts.
  const inserted = await tx.journal.insertMany(
    admitted.map((i) => ({
      id: i.envelope.id,
      type: i.envelope.type,
      schema_version: i.envelope.schemaVersion,
      terminal_id: i.envelope.terminalId,
      store_id: i.envelope.storeId,
      seq: i.envelope.seq,
      hash: i.envelope.hash,
      prev_hash: i.envelope.prevHash,
      body: i.body,
      received_at: now,
    })),
  );
  const fresh: (Incoming & { serverSeq: number })[] = [];
  const known: Incoming[] = [];
  for (const i of admitted) {
    const serverSeq = inserted.get(i.envelope.id);
    if (serverSeq !== undefined) {
      inserted.delete(i.envelope.id); // the same id twice in one batch: the second is "known"
      fresh.push({ ...i, serverSeq });
    } else known.push(i);
  }
  if (known.length > 0) {
    const stored = new Map(
      (
        await tx.journal.byIds(
          who.terminalId,
          known.map((k) => k.envelope.id),
        )
      ).map((s) => [s.id, s]),
    );
    for (const k of known) {
      const s = stored.get(k.envelope.id);
      if (!s) throw new Error(`event ${k.envelope.id} was not inserted but is not stored`);
      if (s.body === k.body && s.hash === k.envelope.hash) {
        outcome.duplicates++;
        continue;
      }
      outcome.conflicts.push({ ...storedDocument(s), _deleted: false });
      await raise({
        kind: 'tamper',
        eventId: k.envelope.id,
        seq: k.envelope.seq,
        message: `Event ${k.envelope.id} (seq ${k.envelope.seq}) was pushed again with different content; the first version is kept.`,
        detail: JSON.stringify({ storedHash: s.hash, pushedHash: k.envelope.hash }),
        dedupeKey: `tamper-conflict:${who.terminalId}:${k.envelope.id}:${digest(k.body)}`,
      });
    }
  }
  fresh.sort((a, b) => a.serverSeq - b.serverSeq);
  outcome.accepted = fresh.length;
  if (fresh.length === 0) return ok(outcome);

  // Step 3 — checks that raise exceptions but never refuse (the sale happened).
  const neighbours = await tx.journal.linksAt(
    who.terminalId,
    fresh.flatMap((f) => [f.envelope.seq - 1, f.envelope.seq, f.envelope.seq + 1]),
  );
  for (const f of checkChain(
    fresh.map((i) => ({ envelope: i.envelope, hashMatches: i.hashMatches, serverSeq: i.serverSeq })),
    neighbours,
  )) {
    await raise({
      kind: f.kind,
      eventId: f.eventId,
      seq: f.seq,
      message: f.message,
      detail: JSON.stringify(f.detail),
    });
  }
  // Totals (and the store's currency: admission refused another one already) — the checks
  // unpark and catch-up run too.
  outcome.exceptions += await raisePostAdmissionChecks(tx, fresh, now);
  const parked = fresh.filter((f) => f.parked);
  await tx.parked.insertMany(
    parked.map((p) => ({
      server_seq: p.serverSeq,
      event_id: p.envelope.id,
      terminal_id: p.envelope.terminalId,
      store_id: p.envelope.storeId,
      seq: p.envelope.seq,
      type: p.envelope.type,
      schema_version: p.envelope.schemaVersion,
      reason: p.parked?.reason ?? 'unknown-type',
      message: p.parked?.message ?? '',
      parked_at: now,
    })),
  );
  outcome.parked = parked.length;
  // Issue 10: each parked event is a `parked` exception until a server that knows it folds it.
  for (const p of parked)
    await raiseParked(
      tx,
      {
        terminalId: p.envelope.terminalId,
        storeId: p.envelope.storeId,
        eventId: p.envelope.id,
        seq: p.envelope.seq,
        type: p.envelope.type,
        reason: p.parked?.reason ?? 'unknown-type',
        message: p.parked?.message ?? '',
      },
      now,
    );

  // Step 4 — project.
  outcome.foldFailures = await project(tx, config, who.terminalId, fresh, now);
  return ok(outcome);
}

async function project(
  tx: StorageTx,
  config: FoldConfig,
  streamId: string,
  fresh: readonly (Incoming & { serverSeq: number })[],
  now: number,
): Promise<number> {
  const inputs: FoldInput[] = fresh.map((f) => ({
    serverSeq: f.serverSeq,
    envelope: f.envelope,
    event: f.event,
  }));
  const first = (fresh[0] as { serverSeq: number }).serverSeq;
  const last = (fresh[fresh.length - 1] as { serverSeq: number }).serverSeq;
  const { cursors, headBefore } = await tx.cursors.ofStreamWithHead(streamId, first);
  // Optimistic: every projection in ONE savepoint, none of its own. Should any throw, that
  // savepoint is rolled back and the batch folded again with a savepoint per projection (and per
  // event where one still throws): the same outcome, at two statements per batch instead of two
  // per projection in the normal case. Folds keep no state across a rollback that the database
  // does not hold (member snapshots forget what they write; program versions never change).
  const run = async (mode: 'guarded' | 'unguarded') => {
    let failures = 0;
    const folded: string[] = [];
    for (const p of config.projections) {
      const cursor = cursors.get(p.name) ?? 0;
      if (cursor < headBefore) {
        // Behind (a projection this release added, or a laxer server folded in between): catch up
        // from the journal, which already holds this batch.
        await catchUpStream(tx, config, p, streamId, cursor, now);
        continue;
      }
      failures += await foldInto(tx, p, inputs, now, mode);
      folded.push(p.name);
    }
    // Every cursor that moved, in one statement.
    await tx.cursors.setMany(folded, streamId, last);
    return failures;
  };
  try {
    return await tx.savepoint(() => run('unguarded'));
  } catch {
    return run('guarded');
  }
}

/**
 * admitEvent is pure and total by design; should an upcaster still throw (a bug of this release),
 * the event is stored and parked rather than answered with a 500 that would block the till
 * forever: a release with the bug fixed folds it at start.
 */
function admitSafely(doc: Record<string, unknown>, ctx: Parameters<typeof admitEvent>[1]): Admission {
  try {
    return admitEvent(doc, ctx);
  } catch (e) {
    const env = envelopeSchema.safeParse(doc);
    const why = e instanceof Error ? e.message : String(e);
    if (env.success && env.data.terminalId === ctx.terminalId && env.data.storeId === ctx.storeId) {
      return {
        kind: 'parked',
        envelope: pickEnvelope(env.data),
        reason: 'newer-version',
        message: `Event ${env.data.id} (seq ${env.data.seq}) could not be read by this server (${why}).`,
      };
    }
    return {
      kind: 'refused',
      reason: 'body-invalid',
      id: typeof doc.id === 'string' ? doc.id : null,
      seq: typeof doc.seq === 'number' ? doc.seq : null,
      type: typeof doc.type === 'string' ? doc.type : null,
      path: '',
      message: `The event could not be read: ${why}`,
    };
  }
}

function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function digest(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 32);
}
