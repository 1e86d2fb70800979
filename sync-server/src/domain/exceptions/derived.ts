import type { StorageTx } from '../../storage/storage';

/*
 * The derived kinds (issue 10): states the server already tracks, raised as exception rows so a
 * manager sees, acknowledges and resolves them like the others, and cleared (status resolved,
 * resolution `cleared`) by the server when the state goes away. Each key names one finding.
 */

export const seqGapKey = (terminalId: string, from: number) => `seq-gap:${terminalId}:${from}`;
export const parkedKey = (terminalId: string, eventId: string) => `parked:${terminalId}:${eventId}`;
export const foldFailedKey = (projection: string, terminalId: string, eventId: string) =>
  `fold-failed:${projection}:${terminalId}:${eventId}`;

/**
 * The lowest gap of a till (seqs from..to missing, seqs above it received); one at a time: when it
 * closes, the next one up is raised. A gap that shrinks from below (its first seq arrived) is a new
 * finding, the old one cleared.
 */
export async function raiseSeqGap(
  tx: StorageTx,
  t: { terminalId: string; storeId: string },
  from: number,
  to: number,
  now: number,
): Promise<void> {
  const n = to - from + 1;
  await tx.exceptions.insert({
    kind: 'seq-gap',
    terminalId: t.terminalId,
    storeId: t.storeId,
    eventId: null,
    seq: from,
    message: `Till ${t.terminalId} is missing ${n === 1 ? `seq ${from}` : `seqs ${from}–${to}`}: later events arrived, these did not (yet).`,
    detail: JSON.stringify({ from, to }),
    detectedAt: now,
    dedupeKey: seqGapKey(t.terminalId, from),
  });
}

export async function clearSeqGap(
  tx: StorageTx,
  terminalId: string,
  from: number,
  now: number,
): Promise<void> {
  await tx.exceptions.clear(seqGapKey(terminalId, from), now);
}

export async function raiseParked(
  tx: StorageTx,
  p: {
    terminalId: string;
    storeId: string;
    eventId: string;
    seq: number;
    type: string;
    reason: string;
    message: string;
  },
  now: number,
): Promise<void> {
  await tx.exceptions.insert({
    kind: 'parked',
    terminalId: p.terminalId,
    storeId: p.storeId,
    eventId: p.eventId,
    seq: p.seq,
    message: `Event ${p.eventId} (${p.terminalId} seq ${p.seq}, type ${p.type}) is kept but not folded: ${p.reason}${p.message ? ` — ${p.message}` : ''}. It is folded when a server that understands it starts.`,
    detail: JSON.stringify({ type: p.type, reason: p.reason }),
    detectedAt: now,
    dedupeKey: parkedKey(p.terminalId, p.eventId),
  });
}

export async function clearParked(
  tx: StorageTx,
  terminalId: string,
  eventId: string,
  now: number,
): Promise<void> {
  await tx.exceptions.clear(parkedKey(terminalId, eventId), now);
}

export async function raiseFoldFailed(
  tx: StorageTx,
  f: { projection: string; terminalId: string; storeId: string; eventId: string; seq: number; error: string },
  now: number,
): Promise<void> {
  await tx.exceptions.insert({
    kind: 'fold-failed',
    terminalId: f.terminalId,
    storeId: f.storeId,
    eventId: f.eventId,
    seq: f.seq,
    message: `Event ${f.eventId} (${f.terminalId} seq ${f.seq}) could not be folded into ${f.projection}: ${f.error.slice(0, 300)}. A refold after the fix folds it.`,
    detail: JSON.stringify({ projection: f.projection, error: f.error.slice(0, 2_000) }),
    detectedAt: now,
    dedupeKey: foldFailedKey(f.projection, f.terminalId, f.eventId),
  });
}

/** After a refold of one projection: the fold-failed findings whose event folded this time are cleared. */
export async function clearFoldedFailures(tx: StorageTx, projection: string, now: number): Promise<void> {
  const open = (await tx.exceptions.list({ kind: 'fold-failed', limit: 10_000 })).filter(
    (e) =>
      e.status !== 'resolved' &&
      e.eventId !== null &&
      e.dedupeKey === foldFailedKey(projection, e.terminalId, e.eventId),
  );
  if (open.length === 0) return;
  const still = new Set(
    (await tx.foldFailures.list())
      .filter((f) => f.projection === projection)
      .map((f) => `${f.terminal_id}:${f.event_id}`),
  );
  for (const e of open) {
    if (!still.has(`${e.terminalId}:${e.eventId}`)) await tx.exceptions.clear(e.dedupeKey as string, now);
  }
}
