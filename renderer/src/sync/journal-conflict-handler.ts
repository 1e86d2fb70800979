import type { RxConflictHandler } from 'rxdb';
import type { JournalDoc } from '../db/database';

/**
 * The journal is insert-only, so the server answers a push with a conflict in one case only: it
 * already holds an event with this id and other content (the server records a tamper exception).
 *
 * - Equality is the event's own `hash`: it covers the whole content, so no deep compare is needed.
 * - The resolution keeps the server's copy, the one HQ accepted first. Keeping the local copy would
 *   be pushed again, refused again, forever; and the manager resolves the exception on the server.
 */
export const journalConflictHandler: RxConflictHandler<JournalDoc> = {
  isEqual: (a, b) => a.hash === b.hash && a._deleted === b._deleted,
  resolve: (input) => Promise.resolve(input.realMasterState),
};
