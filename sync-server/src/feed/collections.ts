import type { ReadModelName } from '../../../core/sync/read-models';
import type { TerminalIdentity } from '../domain/terminal-auth';
import type { FeedChange, Repos } from '../storage/storage';

/**
 * Each read model declared once: which rows a till may see (its scope) and how to read them after
 * a checkpoint. Pull, the one SSE stream per till, NOTIFY fan-out and the shared serverSeq counter
 * serve every collection declared here alike. Members (region + seen-here scope), programs and
 * rewards join as further entries.
 */
export interface FeedCollection {
  name: ReadModelName;
  /** Documents in the till's scope with serverSeq > after, ascending, at most `limit`. */
  pull(repos: Repos, who: TerminalIdentity, after: number, limit: number): Promise<{ serverSeq: number }[]>;
  /** Whether a change may concern this till (a cheap filter; the pull's scope is what counts). */
  concerns(change: FeedChange, who: TerminalIdentity): boolean;
}

const sameStore = (change: FeedChange, who: TerminalIdentity) => change.storeId === who.storeId;

export const FEED_COLLECTIONS: Record<ReadModelName, FeedCollection> = {
  products: {
    name: 'products',
    pull: (r, who, after, limit) => r.products.pull(who.storeId, after, limit),
    concerns: sameStore,
  },
  stores: {
    name: 'stores',
    pull: (r, who, after, limit) => r.stores.pull(who.storeId, after, limit),
    concerns: sameStore,
  },
};
