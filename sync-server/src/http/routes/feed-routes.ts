import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  memberLookupQuerySchema,
  pullQuerySchema,
  SYNC_BASE,
  syncPaths,
} from '../../../../core/sync/protocol';
import { isReadModelName, READ_MODELS, type ReadModelName } from '../../../../core/sync/read-models';
import { FEED_COLLECTIONS, MEMBERS_SEEN_DAYS, type FeedScope } from '../../feed/collections';
import { lookupMemberByCard, lookupMemberById } from '../../feed/member-lookup';
import { pullFeed } from '../../feed/pull-feed';
import { StoreRegions } from '../../feed/store-regions';
import { requireTerminal } from '../auth';
import type { AppContext } from '../context';
import type { OpenStreams } from '../open-streams';
import { parseOr422, sendError } from '../errors';

/** A till that fell this far behind on the stream is told to RESYNC (pull by checkpoint). */
const STREAM_BATCH = 1_000;

/**
 * The read-model feed: `GET /sync/v1/<collection>/pull` for every declared collection, and ONE
 * live SSE stream per till (`/sync/v1/feed/stream`) carrying every collection. Landed tills keep
 * `/sync/v1/products/stream` (products only, the old message shape).
 */
export function feedRoutes(app: FastifyInstance, ctx: AppContext, open: OpenStreams): void {
  // Before any stream subscribes: a stream then hears a store's new region after the map has it.
  const regions = new StoreRegions(ctx.storage);
  app.addHook('onClose', async () => regions.close());
  const scope = (): FeedScope => ({
    now: ctx.clock(),
    membersSeenDays: ctx.membersSeenDays ?? MEMBERS_SEEN_DAYS,
  });
  app.get(`${SYNC_BASE}/:collection/pull`, async (req, reply) => {
    const who = await requireTerminal(ctx, req, reply);
    if (!who) return reply;
    const { collection } = req.params as { collection: string };
    if (!isReadModelName(collection)) {
      return sendError(
        reply,
        'not-found',
        `No read model "${collection}". Read models: ${READ_MODELS.join(', ')}.`,
      );
    }
    const q = parseOr422(pullQuerySchema, req.query, reply);
    if (!q) return reply;
    return pullFeed(ctx.storage, who, collection, q.serverSeq, q.limit, scope());
  });

  // A card not in the till's replica, looked up online on demand (one request); the member is
  // then "seen here", so the feed keeps them on this store's tills from now on.
  app.get(`${SYNC_BASE}/members/lookup`, async (req, reply) => {
    const who = await requireTerminal(ctx, req, reply);
    if (!who) return reply;
    const q = parseOr422(memberLookupQuerySchema, req.query, reply);
    if (!q) return reply;
    const doc = q.id
      ? await lookupMemberById(ctx.storage, who, q.id, ctx.clock())
      : await lookupMemberByCard(ctx.storage, who, q.card ?? '', ctx.clock());
    if (!doc) {
      return sendError(
        reply,
        'member-unknown',
        q.id ? `No member has id ${q.id}.` : `No member has card ${q.card}.`,
      );
    }
    return doc;
  });

  const feed = { ctx, open, regions, scope };
  app.get(syncPaths.feedStream, (req, reply) => stream(feed, req, reply, READ_MODELS, true));
  app.get(syncPaths.stream('products'), (req, reply) => stream(feed, req, reply, ['products'], false));
}

interface StreamDeps {
  ctx: AppContext;
  open: OpenStreams;
  regions: StoreRegions;
  scope: () => FeedScope;
}

/**
 * Server-Sent Events for RxDB's `pull.stream$`. A fresh connection starts with 'RESYNC' so a till
 * that was away pulls what it missed; then each committed change of a collection in the till's
 * scope is sent as `{collection, documents, checkpoint}` (`tagged`) or, on the legacy stream,
 * `{documents, checkpoint}`. Comments keep proxies from closing a quiet connection.
 */
async function stream(
  { ctx, open, regions, scope }: StreamDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  collections: readonly ReadModelName[],
  tagged: boolean,
): Promise<FastifyReply> {
  const who = await requireTerminal(ctx, req, reply);
  if (!who) return reply;
  // Everything committed so far is at or below the feed counter; the till's RESYNC pull covers it.
  const head = await ctx.storage.feed.head();
  const cursors = new Map(collections.map((c) => [c, head]));

  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const send = (message: unknown) => {
    if (!res.writableEnded) res.write(`data: ${JSON.stringify(message)}\n\n`);
  };
  send('RESYNC');

  // Changes are sent one batch at a time, in order: `sending` chains them.
  let sending = Promise.resolve();
  const unsubscribe = ctx.storage.onFeedChanged((change) => {
    const collection = change.collection;
    const cursor = cursors.get(collection);
    if (cursor === undefined || !FEED_COLLECTIONS[collection].concerns(change, who, regions.regionOf)) return;
    sending = sending
      .then(async () => {
        const page = await pullFeed(
          ctx.storage,
          who,
          collection,
          cursors.get(collection) ?? cursor,
          STREAM_BATCH,
          scope(),
        );
        if (page.documents.length === 0) return;
        cursors.set(collection, page.checkpoint.serverSeq);
        if (page.documents.length === STREAM_BATCH) send('RESYNC');
        else send(tagged ? { collection, ...page } : page);
      })
      .catch((e: unknown) => req.log.error({ err: e }, 'stream send failed'));
  });
  const heartbeat = setInterval(() => res.write(': ping\n\n'), ctx.heartbeatMs);
  // Also called when the terminal is revoked (open-streams.ts): the server ends the stream.
  const close = () => {
    clearInterval(heartbeat);
    unsubscribe();
    forget();
    res.end();
  };
  const forget = open.add(who.terminalId, close);
  req.raw.on('close', close);
  req.log.info({ collections, terminalId: who.terminalId }, 'feed stream opened');
  return reply;
}
