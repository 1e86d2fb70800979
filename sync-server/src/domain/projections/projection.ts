import type { Envelope } from '../../../../core/journal/envelope';
import type { EventTypeSpec } from '../../../../core/journal/event-types';
import type { JournalEvent } from '../../../../core/journal/sale-event';
import type { StorageTx } from '../../storage/storage';

/**
 * A projection folds journal events into rows that reports, accounts or the ledger read. Each has
 * its own cursor per journal stream (terminal), so it can be rebuilt (`refold`) or added to a
 * running server (it catches up at start) without touching the journal.
 */
export interface FoldInput {
  serverSeq: number;
  envelope: Envelope;
  /** The event upcast to its current version; undefined when this server does not understand it. */
  event: JournalEvent | undefined;
  /** Why a stored event fails this server's schema (stored by a laxer server): a fold failure. */
  invalid?: string;
}

export interface Projection {
  name: string;
  /**
   * 'envelope': folds every event (seq tracking needs only id/seq/hash).
   * 'events': folds understood events; a parked one is folded when a server that knows it starts.
   */
  reads: 'envelope' | 'events';
  /**
   * For 'events': which understood events it folds (default all). The others never reach its
   * fold, so a batch with nothing for it costs no savepoint.
   */
  wants?: (event: NonNullable<FoldInput['event']>) => boolean;
  /** Folds a batch in serverSeq order. Throwing rolls back this projection's writes for the batch. */
  fold(tx: StorageTx, inputs: readonly FoldInput[]): Promise<void>;
  /** Deletes everything the projection wrote (refold starts from here). */
  reset(tx: StorageTx): Promise<void>;
}

/** What a server understands and maintains; tests pass their own to prove parking and folding. */
export interface FoldConfig {
  registry?: Record<string, EventTypeSpec>;
  projections: readonly Projection[];
}
