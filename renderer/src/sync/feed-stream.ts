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

export const MIN_RECONNECT_MS = 500;
export const MAX_RECONNECT_MS = 5_000;

/** What decides when the stream reconnects; a test injects both to run the schedule by hand. */
export interface ReconnectOptions {
  /** Uniform in [0, 1), as Math.random. */
  random?: () => number;
  /** Runs `reconnect` after `ms`; returns a cancel. */
  schedule?: (reconnect: () => void, ms: number) => () => void;
}

/**
 * Full jitter: a delay drawn uniformly from the whole back-off window (MIN_RECONNECT_MS doubled
 * per failed attempt, capped at MAX_RECONNECT_MS), the first reconnect included. After a server
 * restart every till is cut off at the same instant; a fixed delay would bring them all back in
 * the same instant too.
 */
export function reconnectDelay(attempt: number, random: () => number): number {
  const window = Math.min(MIN_RECONNECT_MS * 2 ** attempt, MAX_RECONNECT_MS);
  return Math.floor(random() * window);
}

const timerSchedule = (reconnect: () => void, ms: number) => {
  const t = setTimeout(reconnect, ms);
  return () => clearTimeout(t);
};

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
  { random = Math.random, schedule = timerSchedule }: ReconnectOptions = {},
): FeedStream {
  const subjects = new Map<ReadModelName, Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>>();
  const resyncAll = () => {
    for (const s of subjects.values()) s.next('RESYNC');
  };
  let source: EventSource | undefined;
  let cancelRetry: (() => void) | undefined;
  /** Failed attempts since the last open: the back-off window doubles with each. */
  let attempt = 0;
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
      attempt = 0;
      events.onOpen();
      resyncAll();
    };
    es.onmessage = onMessage;
    es.onerror = (e) => {
      if (closed) return;
      events.onError(e.code);
      // After an HTTP error the EventSource gives up (CLOSED); after a network error or the end of
      // the stream it would retry by itself after a fixed delay (the package's 3 s, or the
      // browser's), with no jitter. Closing it stops that retry; our jittered timer decides.
      es.close();
      cancelRetry?.();
      cancelRetry = schedule(connect, reconnectDelay(attempt, random));
      attempt++;
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
      cancelRetry?.();
      source?.close();
      for (const s of subjects.values()) s.complete();
    },
  };
}
