import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productStreamMessageSchema, syncPaths, type PairResponse } from '../../../core/sync/protocol';
import { startTestSyncServer, type TestSyncServer } from '../../support/sync-server';
import { call, pairNewTerminal } from './support/http';
import { sseReader } from './support/sse';

describe('products live stream (SSE)', () => {
  let server: TestSyncServer;
  let till: PairResponse;
  beforeAll(async () => {
    server = await startTestSyncServer();
    till = await pairNewTerminal(server);
  });
  afterAll(() => server.close());

  it('starts with RESYNC, then sends changed products with their checkpoint', async () => {
    const abort = new AbortController();
    const res = await fetch(new URL(syncPaths.stream('products'), server.url), {
      headers: {
        authorization: `Bearer ${till.token}`,
        accept: 'text/event-stream',
        origin: 'http://127.0.0.1:5173',
      },
      signal: abort.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    // The renderer runs on another origin: the hijacked SSE response still carries CORS.
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const next = sseReader(res.body as ReadableStream<Uint8Array>);
    expect(productStreamMessageSchema.parse(await next())).toBe('RESYNC');

    const changed = {
      id: 'p-8710000000017',
      code: '8710000000017',
      name: 'Campina Halfvolle melk 1 L',
      priceCents: 99,
      unit: 'each',
      category: 'Zuivel',
      brand: 'Campina',
      tags: ['actie'],
    };
    const put = await call(server, 'PUT', `/admin/stores/${server.storeId}/products`, {
      token: server.adminToken,
      body: [changed],
    });
    expect(put).toEqual({ status: 200, body: { written: 1 } });
    const message = productStreamMessageSchema.parse(await next());
    expect(message).toMatchObject({ documents: [{ ...changed, _deleted: false }] });
    if (message === 'RESYNC') throw new Error('expected documents');
    expect(message.checkpoint.serverSeq).toBe(message.documents[0]?.serverSeq);
    abort.abort();
  });

  it('refuses a stream without a valid token', async () => {
    const res = await fetch(new URL(syncPaths.stream('products'), server.url));
    expect(res.status).toBe(401);
  });
});
