import type { PairResponse } from '../../../../core/sync/protocol';
import { pullResponseSchema, syncPaths } from '../../../../core/sync/protocol';
import { openFeedStream, type FeedStream } from '../../../../renderer/src/sync/feed-stream';
import { syncCall, type SyncEndpoint } from '../../../../renderer/src/sync/sync-api';

/**
 * A till reduced to its live connection: the till's own feed stream (renderer/src/sync/feed-stream.ts,
 * with its reconnect schedule) and, on each 'RESYNC', a pull of the products from its checkpoint,
 * as RxDB's replication does. No database, so hundreds fit in one test process.
 */
export interface StreamTill {
  terminalId: string;
  /** priceCents by product id, as this till knows them. */
  readonly prices: ReadonlyMap<string, number>;
  /** How many times the stream (re)opened. */
  opens(): number;
  /** Pulls completed (each RESYNC leads to one, coalesced while one runs). */
  pulls(): number;
  close(): void;
}

/** A small seeded PRNG (mulberry32): each till its own reproducible jitter. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function openStreamTill(
  server: { url: string },
  paired: PairResponse,
  random: () => number,
): StreamTill {
  const endpoint: SyncEndpoint = { serverUrl: server.url, token: paired.token };
  const prices = new Map<string, number>();
  let checkpoint = 0;
  let opens = 0;
  let pulls = 0;
  let pulling: Promise<void> | undefined;
  let again = false;

  const pullAll = async () => {
    for (;;) {
      const page = await syncCall(
        endpoint,
        `${syncPaths.pull('products')}?serverSeq=${checkpoint}&limit=1000`,
        pullResponseSchema('products'),
      );
      for (const d of page.documents) prices.set(d.id, d.priceCents);
      if (page.documents.length === 0) return;
      checkpoint = page.checkpoint.serverSeq;
    }
  };
  const resync = () => {
    if (pulling) {
      again = true;
      return;
    }
    pulling = pullAll()
      .then(() => void pulls++)
      // The server went away mid-pull: the reconnect's RESYNC pulls again.
      .catch(() => {})
      .finally(() => {
        pulling = undefined;
        if (again) {
          again = false;
          resync();
        }
      });
  };

  const feed: FeedStream = openFeedStream(
    endpoint,
    { onOpen: () => void opens++, onError: () => {} },
    undefined,
    { random },
  );
  feed.collection('products').subscribe((item) => {
    if (item === 'RESYNC') return resync();
    for (const d of item.documents as unknown as { id: string; priceCents: number }[])
      prices.set(d.id, d.priceCents);
    checkpoint = Math.max(checkpoint, item.checkpoint.serverSeq);
  });
  return {
    terminalId: paired.terminalId,
    prices,
    opens: () => opens,
    pulls: () => pulls,
    close: () => feed.close(),
  };
}
