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
  pull(
    repos: Repos,
    who: TerminalIdentity,
    after: number,
    limit: number,
    now: number,
  ): Promise<{ serverSeq: number }[]>;
  /** Whether a change may concern this till (a cheap filter; the pull's scope is what counts). */
  concerns(change: FeedChange, who: TerminalIdentity): boolean;
}

const sameStore = (change: FeedChange, who: TerminalIdentity) => change.storeId === who.storeId;

/** A member seen at a store in this many days keeps replicating to its tills (DESIGN.md "Read models"). */
export const MEMBERS_SEEN_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

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
  members: {
    name: 'members',
    pull: (r, who, after, limit, now) =>
      r.members.pull(who.storeId, now - MEMBERS_SEEN_DAYS * DAY_MS, after, limit),
    concerns: sameStore,
  },
  programs: {
    name: 'programs',
    pull: (r, who, after, limit) => r.programs.pull(who.storeId, after, limit),
    // A program for every store is announced as '*'.
    concerns: (change, who) => change.storeId === '*' || change.storeId === who.storeId,
  },
  rewards: {
    name: 'rewards',
    pull: (r, who, after, limit) => r.rewards.pull(who.storeId, after, limit),
    // A reward every store offers is announced as '*', as a program is.
    concerns: (change, who) => change.storeId === '*' || change.storeId === who.storeId,
  },
};
