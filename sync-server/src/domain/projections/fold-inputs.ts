import type { Envelope } from '../../../../core/journal/envelope';
import { understandEvent, type EventTypeSpec } from '../../../../core/journal/event-types';
import type { StoredJournalEvent } from '../../storage/repos/journal';
import type { FoldInput } from './projection';

/** The event document as the till sent it (without RxDB's `_deleted`): the body plus its hash. */
export function storedDocument(row: Pick<StoredJournalEvent, 'body' | 'hash'>): Record<string, unknown> {
  return { ...(JSON.parse(row.body) as Record<string, unknown>), hash: row.hash };
}

/**
 * A stored row's envelope from its own columns: what the journal holds is what it is, even when a
 * laxer server stored a value today's envelope schema would refuse (a store id of 70 characters).
 */
export function envelopeOfRow(row: StoredJournalEvent): Envelope {
  return {
    id: row.id,
    terminalId: row.terminal_id,
    storeId: row.store_id,
    seq: row.seq,
    prevHash: row.prev_hash,
    hash: row.hash,
    type: row.type,
    schemaVersion: row.schema_version,
  };
}

/**
 * A stored journal row as a projection sees it: the envelope, and the event if this server
 * understands it. Never throws (a throw here would stop the server at start): a body this server
 * cannot read is `invalid`, a fold failure listed to the manager.
 */
export function foldInputOf(row: StoredJournalEvent, registry?: Record<string, EventTypeSpec>): FoldInput {
  const envelope = envelopeOfRow(row);
  const base = { serverSeq: row.server_seq, envelope };
  let u: ReturnType<typeof understandEvent>;
  try {
    u = understandEvent(storedDocument(row), registry);
  } catch (e) {
    // An unreadable body, or an upcaster bug of this release: a fold failure to retry once it is
    // fixed, never a stuck projection.
    return { ...base, event: undefined, invalid: e instanceof Error ? e.message : String(e) };
  }
  if (u.kind === 'understood') return { ...base, event: u.event };
  if (u.kind === 'invalid') return { ...base, event: undefined, invalid: `${u.path}: ${u.message}` };
  return { ...base, event: undefined };
}
