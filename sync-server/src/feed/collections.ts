import type { ReadModelName } from '../../../core/sync/read-models';
import type { TerminalIdentity } from '../domain/terminal-auth';
import type { FeedChange, Repos } from '../storage/storage';
import type { RegionOf } from './store-regions';

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
    scope: FeedScope,
  ): Promise<{ serverSeq: number }[]>;
  /** Whether a change may concern this till (a cheap filter, no query; the pull's scope is what counts). */
  concerns(change: FeedChange, who: TerminalIdentity, regionOf: RegionOf): boolean;
}

/** What a pull is scoped by besides the till: the moment, and the server's members window. */
export interface FeedScope {
  now: number;
  /** A member seen at a store in this many days replicates to its tills (`serve --members-seen-days`). */
  membersSeenDays: number;
}

const sameStore = (change: FeedChange, who: TerminalIdentity) => change.storeId === who.storeId;

/** The default of `serve --members-seen-days` (DESIGN.md "Read models"), and its bounds. */
export const MEMBERS_SEEN_DAYS = 90;
export const MEMBERS_SEEN_DAYS_MAX = 3_650;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A member change is announced to the member's home store and the stores that saw them; it
 * concerns a till of that store, or of a store in the same region. A store the map does not know
 * (yet) wakes the till: the pull decides.
 */
export const memberChangeConcerns = (
  change: FeedChange,
  who: TerminalIdentity,
  regionOf: RegionOf,
): boolean => {
  if (change.storeId === who.storeId) return true;
  const theirs = regionOf(change.storeId);
  const ours = regionOf(who.storeId);
  if (theirs === undefined || ours === undefined) return true;
  return theirs !== null && theirs === ours;
};

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
    // The members of the store's region (its own when it has none), and those seen here since now − N days.
    pull: (r, who, after, limit, { now, membersSeenDays }) =>
      r.members.pull(who.storeId, now - membersSeenDays * DAY_MS, after, limit),
    concerns: memberChangeConcerns,
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
