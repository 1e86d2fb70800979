import { afterEach, describe, expect, it } from 'vitest';
import { openFeedStream, type FeedStream } from '../../../../renderer/src/sync/feed-stream';

/** A fake server side of SSE: each fetch is one connection the test writes messages into. */
function sseServer() {
  const connections: { url: string; auth: string | null; send(data: unknown): void; end(): void }[] = [];
  const encoder = new TextEncoder();
  const fetch: typeof globalThis.fetch = (input, init) => {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
    connections.push({
      url: String(input),
      auth: new Headers(init?.headers).get('authorization'),
      send: (data) => controller.enqueue(encoder.encode(`data: ${JSON.stringify(data)}\n\n`)),
      end: () => controller.close(),
    });
    return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
  };
  return { fetch, connections };
}

const product = (id: string, serverSeq: number) => ({
  id,
  code: `871000000${id.padStart(4, '0')}`,
  name: `Product ${id}`,
  priceCents: 129,
  unit: 'each',
  category: 'dairy',
  brand: 'Campina',
  tags: [],
  serverSeq,
  _deleted: false,
});
const store = (serverSeq: number) => ({
  storeId: 'store-a',
  name: 'Kassa Demo Amsterdam',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
  serverSeq,
  _deleted: false,
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

let feed: FeedStream | undefined;
afterEach(() => feed?.close());

describe('the feed stream', () => {
  it('is one connection for every collection, with the token in a header, split per collection', async () => {
    const server = sseServer();
    let opened = 0;
    feed = openFeedStream(
      { serverUrl: 'http://kassa.test', token: 'tok' },
      { onOpen: () => opened++, onError: () => {} },
      server.fetch,
    );
    const products: unknown[] = [];
    const stores: unknown[] = [];
    feed.collection('products').subscribe((m) => products.push(m));
    feed.collection('stores').subscribe((m) => stores.push(m));

    await until(() => opened === 1);
    expect(server.connections).toHaveLength(1);
    expect(server.connections[0]?.url).toBe('http://kassa.test/sync/v1/feed/stream');
    expect(server.connections[0]?.auth).toBe('Bearer tok');
    // (Re)connecting gives every collection a RESYNC: each pulls from its checkpoint.
    expect(products).toEqual(['RESYNC']);
    expect(stores).toEqual(['RESYNC']);

    const conn = server.connections[0]!;
    conn.send({ collection: 'products', documents: [product('1', 41)], checkpoint: { serverSeq: 41 } });
    conn.send({ collection: 'stores', documents: [store(42)], checkpoint: { serverSeq: 42 } });
    conn.send({ collection: 'members', documents: [{ id: 'm1' }], checkpoint: { serverSeq: 43 } });
    conn.send('RESYNC');
    await until(() => products.length === 3);
    expect(products).toEqual([
      'RESYNC',
      { documents: [product('1', 41)], checkpoint: { serverSeq: 41 } },
      'RESYNC',
    ]);
    expect(stores).toEqual(['RESYNC', { documents: [store(42)], checkpoint: { serverSeq: 42 } }, 'RESYNC']);
    expect(server.connections).toHaveLength(1);
  });

  it('turns a message that does not fit its collection into a RESYNC of that collection only', async () => {
    const server = sseServer();
    feed = openFeedStream(
      { serverUrl: 'http://kassa.test', token: 't' },
      { onOpen() {}, onError() {} },
      server.fetch,
    );
    const products: unknown[] = [];
    const stores: unknown[] = [];
    feed.collection('products').subscribe((m) => products.push(m));
    feed.collection('stores').subscribe((m) => stores.push(m));
    await until(() => server.connections.length === 1 && products.length === 1);

    server.connections[0]!.send({
      collection: 'products',
      documents: [{ ...product('1', 5), priceCents: -1 }],
      checkpoint: { serverSeq: 5 },
    });
    await until(() => products.length === 2);
    expect(products).toEqual(['RESYNC', 'RESYNC']);
    expect(stores).toEqual(['RESYNC']);
  });

  it('stops listening when closed', async () => {
    const server = sseServer();
    feed = openFeedStream(
      { serverUrl: 'http://kassa.test', token: 't' },
      { onOpen() {}, onError() {} },
      server.fetch,
    );
    let completed = false;
    feed.collection('products').subscribe({ complete: () => (completed = true) });
    await until(() => server.connections.length === 1);
    feed.close();
    expect(completed).toBe(true);
  });
});
