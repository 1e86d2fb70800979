import { EventSource } from 'eventsource';
import { Subject, type Observable } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';
import {
  feedStreamMessageSchema,
  pullResponseSchema,
  syncPaths,
  type Checkpoint,
} from '../../../core/sync/protocol';
import { isReadModelName, type ReadModelName } from '../../../core/sync/read-models';
import { authorizedFetch, syncUrl, type SyncEndpoint } from './sync-api';

export interface StreamEvents {
  onOpen(): void;
  /** `httpStatus` when the server answered the connect with an HTTP error, else unreachable. */
  onError(httpStatus?: number): void;
}

/** What RxDB's replication of one collection takes as `pull.stream$`. */
export type CollectionStream = Observable<RxReplicationPullStreamItem<unknown, Checkpoint>>;

export interface FeedStream {
  /** The stream of one read model: its documents as they change, and 'RESYNC' on every (re)connect. */
  collection(name: ReadModelName): CollectionStream;
  close(): void;
}

const MIN_RECONNECT_MS = 500;
const MAX_RECONNECT_MS = 5_000;

/**
 * The till's ONE live connection to the server (SSE, `syncPaths.feedStream`), carrying every
 * read model it replicates, split per collection for RxDB. EventSource cannot set headers, so
 * the `eventsource` package is given a fetch that adds the Bearer token (the same transport as
 * every other sync call, so a test can wrap it).
 *
 * Each (re)connect, and each 'RESYNC' the server sends (first message, or when this till fell
 * behind), gives EVERY collection a 'RESYNC': RxDB then pulls each from its checkpoint, which
 * covers whatever changed while the stream was down. A message that does not parse for its
 * collection also becomes a 'RESYNC' of that collection, so the pull (which reports a bad answer
 * as a problem) takes over rather than a change being dropped in silence. Messages for a
 * collection this till does not replicate (a newer server's read model) are ignored.
 */
export function openFeedStream(
  endpoint: SyncEndpoint,
  events: StreamEvents,
  transport?: typeof fetch,
): FeedStream {
  const subjects = new Map<ReadModelName, Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>>();
  const resyncAll = () => {
    for (const s of subjects.values()) s.next('RESYNC');
  };
  let source: EventSource | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let delay = MIN_RECONNECT_MS;
  let closed = false;

  const onMessage = (message: MessageEvent<string>) => {
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      resyncAll();
      return;
    }
    const parsed = feedStreamMessageSchema.safeParse(data);
    if (!parsed.success) {
      resyncAll();
      return;
    }
    if (parsed.data === 'RESYNC') {
      resyncAll();
      return;
    }
    const { collection, documents, checkpoint } = parsed.data;
    if (!isReadModelName(collection)) return;
    const subject = subjects.get(collection);
    if (!subject) return;
    const page = pullResponseSchema(collection).safeParse({ documents, checkpoint });
    subject.next(
      page.success ? { documents: page.data.documents, checkpoint: page.data.checkpoint } : 'RESYNC',
    );
  };

  const connect = () => {
    if (closed) return;
    const es = new EventSource(syncUrl(endpoint, syncPaths.feedStream), {
      fetch: authorizedFetch(endpoint, transport),
    });
    source = es;
    es.onopen = () => {
      delay = MIN_RECONNECT_MS;
      events.onOpen();
      resyncAll();
    };
    es.onmessage = onMessage;
    es.onerror = (e) => {
      if (closed) return;
      events.onError(e.code);
      // The package reconnects by itself after network errors; after an HTTP error it gives up
      // (CLOSED). We then reconnect ourselves, backing off up to MAX_RECONNECT_MS.
      if (es.readyState === es.CLOSED) {
        clearTimeout(retryTimer);
        retryTimer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, MAX_RECONNECT_MS);
      }
    };
  };

  return {
    collection(name) {
      let subject = subjects.get(name);
      if (!subject) {
        subject = new Subject();
        subjects.set(name, subject);
      }
      // One connection for all collections, opened when the first one asks for its stream.
      if (!source && !closed) connect();
      return subject.asObservable();
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      source?.close();
      for (const s of subjects.values()) s.complete();
    },
  };
}
