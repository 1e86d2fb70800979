import type { PullResponse } from '../../../core/sync/protocol';
import type { ReadModelName } from '../../../core/sync/read-models';
import type { TerminalIdentity } from '../domain/terminal-auth';
import type { Repos } from '../storage/storage';
import { FEED_COLLECTIONS, type FeedScope } from './collections';

/** RxDB pull: the till's documents after the checkpoint, in serverSeq order; the checkpoint is the last one. */
export async function pullFeed(
  repos: Repos,
  who: TerminalIdentity,
  collection: ReadModelName,
  after: number,
  limit: number,
  scope: FeedScope,
): Promise<PullResponse<{ serverSeq: number }>> {
  const documents = await FEED_COLLECTIONS[collection].pull(repos, who, after, limit, scope);
  const last = documents[documents.length - 1];
  return { documents, checkpoint: { serverSeq: last ? last.serverSeq : after } };
}
