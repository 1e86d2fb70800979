import { envelopeSchema } from '../../../../core/journal/envelope';
import { understandEvent, type EventTypeSpec } from '../../../../core/journal/event-types';
import type { StoredJournalEvent } from '../../storage/repos/journal';
import type { FoldInput } from './projection';

/** The event document as the till sent it (without RxDB's `_deleted`): the body plus its hash. */
export function storedDocument(row: Pick<StoredJournalEvent, 'body' | 'hash'>): Record<string, unknown> {
  return { ...(JSON.parse(row.body) as Record<string, unknown>), hash: row.hash };
}

/** A stored journal row as a projection sees it: the envelope, and the event if this server understands it. */
export function foldInputOf(row: StoredJournalEvent, registry?: Record<string, EventTypeSpec>): FoldInput {
  const doc = storedDocument(row);
  const envelope = envelopeSchema.parse(doc);
  let u: ReturnType<typeof understandEvent>;
  try {
    u = understandEvent(doc, registry);
  } catch (e) {
    // An upcaster bug of this release: a fold failure to retry once it is fixed, never a stuck projection.
    return {
      serverSeq: row.server_seq,
      envelope,
      event: undefined,
      invalid: e instanceof Error ? e.message : String(e),
    };
  }
  if (u.kind === 'understood') return { serverSeq: row.server_seq, envelope, event: u.event };
  if (u.kind === 'invalid') {
    return { serverSeq: row.server_seq, envelope, event: undefined, invalid: `${u.path}: ${u.message}` };
  }
  return { serverSeq: row.server_seq, envelope, event: undefined };
}
