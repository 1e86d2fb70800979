import type { FastifyInstance } from 'fastify';
import { syncPaths, type ProductPullResponse } from '../../../../core/sync/protocol';
import { pullProducts } from '../../domain/pull-products';
import { requireTerminal } from '../auth';
import type { AppContext } from '../context';

/** A client that fell this far behind on the stream is told to RESYNC (pull by checkpoint). */
const STREAM_BATCH = 1_000;

/**
 * Live products over Server-Sent Events, for RxDB's `pull.stream$`. Each message is the JSON of
 * productStreamMessageSchema: `{documents, checkpoint}` or `'RESYNC'`. A fresh connection starts
 * with 'RESYNC' so a client that was away pulls what it missed; comments keep proxies from
 * closing a quiet connection.
 */
export function streamRoute(app: FastifyInstance, ctx: AppContext, open: Set<() => void>): void {
  app.get(syncPaths.stream('products'), async (req, reply) => {
    const who = await requireTerminal(ctx, req, reply);
    if (!who) return reply;
    let cursor = await ctx.storage.maxProductSeq(who.storeId);

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (message: ProductPullResponse | 'RESYNC') => {
      if (!res.writableEnded) res.write(`data: ${JSON.stringify(message)}\n\n`);
    };
    send('RESYNC');

    // Changes are sent one batch at a time, in order: `sending` chains them.
    let sending = Promise.resolve();
    const onChange = (storeId: string) => {
      if (storeId !== who.storeId) return;
      sending = sending
        .then(async () => {
          const page = await pullProducts(ctx.storage, who.storeId, cursor, STREAM_BATCH);
          if (page.documents.length === 0) return;
          if (page.documents.length === STREAM_BATCH) {
            cursor = await ctx.storage.maxProductSeq(who.storeId);
            send('RESYNC');
          } else {
            cursor = page.checkpoint.serverSeq;
            send(page);
          }
        })
        .catch((e: unknown) => req.log.error({ err: e }, 'stream send failed'));
    };
    const unsubscribe = ctx.storage.onProductsChanged(onChange);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), ctx.heartbeatMs);
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(close);
      res.end();
    };
    open.add(close);
    req.raw.on('close', close);
    req.log.info('product stream opened');
  });
}
