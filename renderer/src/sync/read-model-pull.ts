import type { WithDeleted } from 'rxdb';
import type { z } from 'zod';
import type { Checkpoint } from '../../../core/sync/protocol';
import type { QuarantineStore } from './quarantine';

/** One page of a read model as the server sends it, each document still unchecked. */
export interface RawPage {
  documents: unknown[];
  checkpoint: Checkpoint;
}

export interface ReadModelPullOptions {
  /** The read model's name: the quarantine's collection. */
  name: string;
  /** The collection's key field (`id`, or `memberId` for members). */
  primary: string;
  docSchema: z.ZodType;
  quarantine: QuarantineStore;
  fetchPage(serverSeq: number, limit: number): Promise<RawPage>;
  now(): number;
}

/**
 * The pull handler of one read model. Each document is checked on its own: one this build cannot
 * read is quarantined and the pull goes on, so it never holds back every row after it (issue 11,
 * scenario 9); a readable version of a quarantined one replaces its entry. After an app version
 * change the collection is pulled again from its earliest quarantined checkpoint, while RxDB's own
 * checkpoint stays where it is (never backwards).
 */
export function readModelPull<Doc>(o: ReadModelPullOptions) {
  const idOf = (d: unknown) => String((d as Record<string, unknown>)[o.primary]);

  function sortPage(raw: readonly unknown[], from: number, into: WithDeleted<Doc>[]): void {
    const readable: string[] = [];
    for (const doc of raw) {
      const parsed = o.docSchema.safeParse(doc);
      if (parsed.success) {
        into.push(parsed.data as WithDeleted<Doc>);
        readable.push(idOf(parsed.data));
        continue;
      }
      const d = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
      const id = d[o.primary];
      const serverSeq = typeof d.serverSeq === 'number' ? d.serverSeq : null;
      const issue = parsed.error.issues[0];
      o.quarantine.put({
        collection: o.name,
        id: typeof id === 'string' && id.length <= 200 ? id : `?${serverSeq ?? from}`,
        fromServerSeq: from,
        serverSeq,
        reason: issue ? `${issue.path.join('.') || '(document)'}: ${issue.message}` : 'invalid',
        at: o.now(),
      });
    }
    o.quarantine.clear(o.name, readable);
  }

  return {
    /** Documents that came live: a readable version replaces its quarantine entry too. */
    arrivedLive(documents: readonly unknown[]): void {
      o.quarantine.clear(o.name, documents.map(idOf));
    },

    async handler(checkpoint: Checkpoint | undefined, batchSize: number) {
      const { quarantine, name } = o;
      const since = checkpoint?.serverSeq ?? 0;
      const rewind = quarantine.rewindCursor(name);
      if (rewind !== undefined && rewind >= since) quarantine.rewindDone(name);
      let from = rewind !== undefined && rewind < since ? rewind : since;
      const documents: WithDeleted<Doc>[] = [];
      // RxDB stops pulling at a batch shorter than batchSize and does not store the checkpoint of
      // an empty one: fill the batch past quarantined documents until the server has no more.
      while (documents.length < batchSize) {
        const limit = batchSize - documents.length;
        const page = await o.fetchPage(from, limit);
        sortPage(page.documents, from, documents);
        const before = from;
        from = Math.max(from, page.checkpoint.serverSeq);
        const rewinding = quarantine.rewindCursor(name) !== undefined;
        const atEnd = page.documents.length < limit;
        if (rewinding && (from >= since || atEnd)) quarantine.rewindDone(name);
        else if (rewinding) quarantine.rewindTo(name, from);
        // A checkpoint that does not move would ask for the same page forever.
        if (atEnd || from === before) break;
      }
      return { documents, checkpoint: { serverSeq: Math.max(since, from) } };
    },
  };
}
