import { EventSource } from 'eventsource';
import { Observable } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { productStreamMessageSchema, syncPaths, type Checkpoint } from '../../../core/sync/protocol';
import type { ProductDoc } from '../db/database';
import { authorizedFetch, syncUrl, type SyncEndpoint } from './sync-api';

export interface StreamEvents {
  onOpen(): void;
  onError(): void;
}

const MIN_RECONNECT_MS = 500;
const MAX_RECONNECT_MS = 5_000;

/**
 * The live product stream (SSE) as the Observable RxDB's replication takes as `pull.stream$`.
 * EventSource cannot set headers, so the `eventsource` package is given a fetch that adds the
 * Bearer token. Each (re)connect emits 'RESYNC': RxDB then pulls from its checkpoint, which
 * covers whatever changed while the stream was down.
 */
export function productStream(
  endpoint: SyncEndpoint,
  events: StreamEvents,
): Observable<RxReplicationPullStreamItem<ProductDoc, Checkpoint>> {
  return new Observable((subscriber) => {
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let delay = MIN_RECONNECT_MS;
    let closed = false;

    const connect = () => {
      source = new EventSource(syncUrl(endpoint, syncPaths.stream('products')), {
        fetch: authorizedFetch(endpoint),
      });
      source.onopen = () => {
        delay = MIN_RECONNECT_MS;
        events.onOpen();
        subscriber.next('RESYNC');
      };
      source.onmessage = (message: MessageEvent<string>) => {
        let data: unknown;
        try {
          data = JSON.parse(message.data);
        } catch {
          return;
        }
        const parsed = productStreamMessageSchema.safeParse(data);
        if (!parsed.success) return;
        subscriber.next(parsed.data as RxReplicationPullStreamItem<ProductDoc, Checkpoint>);
      };
      source.onerror = () => {
        events.onError();
        // The package reconnects by itself after network errors; after an HTTP error it gives
        // up (CLOSED). We then reconnect ourselves, backing off up to MAX_RECONNECT_MS.
        if (source?.readyState === source?.CLOSED && !closed) {
          retryTimer = setTimeout(connect, delay);
          delay = Math.min(delay * 2, MAX_RECONNECT_MS);
        }
      };
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(retryTimer);
      source?.close();
    };
  });
}
