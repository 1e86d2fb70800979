import type {
  RxCollection,
  RxReplicationPullStreamItem,
  RxReplicationWriteToMasterRow,
  WithDeleted,
} from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { tap, type Observable, type Subscription } from 'rxjs';
import { z } from 'zod';
import { version as APP_VERSION } from '../../../package.json';
import {
  checkpointSchema,
  journalPushResponseSchema,
  pushRefusedBodySchema,
  PENDING_HEADER,
  syncPaths,
  terminalInfoSchema,
  type Checkpoint,
  type PushRefusedBody,
} from '../../../core/sync/protocol';
import {
  READ_MODELS,
  readModelDocSchemas,
  type ReadModelDoc,
  type ReadModelName,
} from '../../../core/sync/read-models';
import type { JournalDoc, KassaCollections, KassaDatabase } from '../db/database';
import { openFeedStream, type FeedStream } from './feed-stream';
import { inSeqOrder } from './push-order';
import { readModelPull } from './read-model-pull';
import { createQuarantineStore, localQuarantineStorage, type QuarantineStore } from './quarantine';
import { serverLossChecker } from './server-loss-check';
import { SyncHttpError, syncCall, type SyncEndpoint } from './sync-api';
import { waitingCount, type RefusedEventNote, type SyncStatusStore } from './sync-status';

/** A read-model document as the till keeps it: RxDB holds `_deleted` itself. */
export type ReplicaDoc<N extends ReadModelName> = Omit<ReadModelDoc<N>, '_deleted'>;
export type ReadModelReplication<N extends ReadModelName> = RxReplicationState<ReplicaDoc<N>, Checkpoint>;
export type ReadModelReplications = { [N in ReadModelName]?: ReadModelReplication<N> };

/** Adding a read model to core without its RxDB collection in the till's database fails here. */
export type EveryReadModelHasACollection = { [N in ReadModelName]: KassaCollections[N] };

export interface ReplicationHandle {
  /** One pull replication per read model (those asked for; by default every one). */
  readModels: ReadModelReplications;
  /** The journal push, unless `push: false`. */
  journal: RxReplicationState<JournalDoc, unknown> | undefined;
  /** Pulled documents the till could not read (quarantine.ts). */
  quarantine: QuarantineStore;
  /** Cancels every replication and closes the feed stream. */
  stop(): Promise<void>;
}

export interface ReplicationOptions {
  db: KassaDatabase;
  endpoint: SyncEndpoint;
  terminalId: string;
  status: SyncStatusStore;
  now?: () => number;
  /**
   * The transport of every call, the feed stream's included. Defaults to the global fetch;
   * tests wrap it to lose answers, kill the server mid-push or count stream connections.
   */
  fetch?: typeof fetch;
  /** The read models to pull; default all of READ_MODELS. */
  readModels?: readonly ReadModelName[];
  /** Push the journal; default true. */
  push?: boolean;
  /** false: pull once up to the checkpoint and stop, without the feed stream; default true. */
  live?: boolean;
  pullBatchSize?: number;
  pushBatchSize?: number;
  /**
   * The most bytes of serialised rows one push request carries; a batch above it goes out as
   * several requests, one after the other. Default 4 MiB, half the server's body limit.
   */
  pushRequestBytes?: number;
  /**
   * Where pulled documents that fail the schema are kept; default the renderer's local storage
   * (in memory where there is none), under this build's app version.
   */
  quarantine?: QuarantineStore;
}

const PULL_BATCH = 1_000;
/** A pull page read document by document: the shape of each is checked on its own. */
const rawPageSchema = z.object({ documents: z.array(z.unknown()), checkpoint: checkpointSchema });
const PUSH_BATCH = 100;
/** Half the server's 8 MiB body limit; one event is at most 1,000,000 characters (≤ 4 MB UTF-8). */
const PUSH_REQUEST_BYTES = 4 * 1024 * 1024;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 4_000;

/** The body of a 422 `event-refused` answer, or undefined for any other failure. */
function refusalOf(e: unknown): PushRefusedBody['error'] | undefined {
  if (!(e instanceof SyncHttpError) || e.status !== 422) return undefined;
  const body = pushRefusedBodySchema.safeParse(e.body);
  return body.success ? body.data.error : undefined;
}

const utf8 = new TextEncoder();

/**
 * Splits push rows into request bodies of at most `maxBytes` (UTF-8) each, in order: 100 maximal
 * sales in one request would pass the server's body limit and be answered 413 forever. A row
 * larger than the budget on its own goes alone.
 */
export function pushBodies(rows: readonly unknown[], maxBytes: number): string[] {
  const bodies: string[] = [];
  let parts: string[] = [];
  let size = 2; // the brackets
  for (const row of rows) {
    const part = JSON.stringify(row);
    const bytes = utf8.encode(part).length + 1; // and its comma
    if (parts.length > 0 && size + bytes > maxBytes) {
      bodies.push(`[${parts.join(',')}]`);
      parts = [];
      size = 2;
    }
    parts.push(part);
    size += bytes;
  }
  if (parts.length > 0) bodies.push(`[${parts.join(',')}]`);
  return bodies;
}

/**
 * RxDB's own replication, one per collection:
 * - every read model (READ_MODELS: products, stores, …): pull by `serverSeq` checkpoint from the
 *   same endpoint family, plus its share of the ONE feed stream of this till (server wins;
 *   read-only here);
 * - journal: push only. The server stores an event pushed twice once, so a push repeated after a
 *   crash or a lost answer is harmless; RxDB's push checkpoint is kept in IndexedDB, so a reload
 *   resumes with the events not yet acknowledged.
 * Failed calls are retried by RxDB after `retryTime`, which we double after each failure (capped)
 * and reset after a success: backoff while the server is away, quick recovery when it is back.
 */
export function startReplication({
  db,
  endpoint,
  terminalId,
  status,
  now = Date.now,
  fetch: transport,
  readModels = READ_MODELS,
  push = true,
  live = true,
  pullBatchSize = PULL_BATCH,
  pushBatchSize = PUSH_BATCH,
  pushRequestBytes = PUSH_REQUEST_BYTES,
  quarantine = createQuarantineStore({
    appVersion: APP_VERSION,
    storage: localQuarantineStorage(`kassa.quarantine.${terminalId}`),
  }),
}: ReplicationOptions): ReplicationHandle {
  const replicationId = (what: string) => `kassa-${what}-${terminalId}-${endpoint.serverUrl}`;
  const states: RxReplicationState<never, unknown>[] = [];
  const succeeded = () => {
    status.reportOnline(now());
    for (const s of states) s.retryTime = RETRY_MIN_MS;
  };
  // A call that failed: unreachable is "offline"; an answer that refuses is a problem to show.
  const report = (e: unknown) => {
    if (e instanceof SyncHttpError && e.status !== 'offline') status.reportProblem(e.message);
    else if (e instanceof SyncHttpError) status.reportOffline();
    else status.reportProblem(`Unexpected answer from the sync server: ${(e as Error).message}`);
  };
  const failed = (e: unknown): never => {
    report(e);
    throw e;
  };

  // A stream the server refused (401/403: a revoked or unknown credential) is no network fault:
  // the terminal call says why, in the server's words, and the indicator shows it.
  const streamFailed = (httpStatus?: number) => {
    if (httpStatus !== 401 && httpStatus !== 403) return status.reportOffline();
    syncCall(endpoint, syncPaths.terminal, terminalInfoSchema, {}, transport).catch(report);
  };
  // A server restored from an older backup lost events RxDB's push checkpoint says were pushed:
  // checked when the stream (re)connects — a server back from a restore is one the stream lost —
  // or once at the start without a stream (server-loss-check.ts).
  const lossCheck = push
    ? serverLossChecker(
        {
          db,
          endpoint,
          status,
          transport,
          batchSize: pushBatchSize,
          bodies: (rows) => pushBodies(rows, pushRequestBytes),
        },
        // The push and pull report the connection; a failed check just waits for the next one.
        () => undefined,
      )
    : undefined;
  const streamOpened = () => {
    succeeded();
    void lossCheck?.run();
  };
  const feed: FeedStream | undefined =
    live && readModels.length > 0
      ? openFeedStream(endpoint, { onOpen: streamOpened, onError: streamFailed }, transport)
      : undefined;
  if (!feed) void lossCheck?.run();

  function replicateReadModel<N extends ReadModelName>(name: N): ReadModelReplication<N> {
    const pull = readModelPull<ReplicaDoc<N>>({
      name,
      primary: (db[name] as unknown as RxCollection).schema.primaryPath as string,
      docSchema: readModelDocSchemas[name],
      quarantine,
      now,
      fetchPage: (serverSeq, limit) =>
        syncCall(
          endpoint,
          `${syncPaths.pull(name)}?${new URLSearchParams({ serverSeq: String(serverSeq), limit: String(limit) })}`,
          rawPageSchema,
          {},
          transport,
        ).catch(failed),
    });
    const stream$ = feed?.collection(name).pipe(
      tap((item: RxReplicationPullStreamItem<unknown, Checkpoint>) => {
        if (item !== 'RESYNC') pull.arrivedLive(item.documents);
      }),
    ) as Observable<RxReplicationPullStreamItem<ReplicaDoc<N>, Checkpoint>> | undefined;

    return replicateRxCollection<ReplicaDoc<N>, Checkpoint>({
      collection: db[name] as unknown as RxCollection<ReplicaDoc<N>>,
      replicationIdentifier: replicationId(name),
      live,
      retryTime: RETRY_MIN_MS,
      // Only the till's window syncs (database.ts); a no-op without multiInstance.
      waitForLeadership: true,
      // RxDB pauses a hidden window's replication and resumes it when shown; its resume can pass
      // over push batches it was retrying (scenario 7 of issue 11). The till's one window, its
      // leader, keeps syncing whether it is shown or not.
      toggleOnDocumentVisible: false,
      pull: {
        batchSize: pullBatchSize,
        async handler(checkpoint, batchSize) {
          const page = await pull.handler(checkpoint, batchSize);
          succeeded();
          return page;
        },
        ...(stream$ ? { stream$ } : {}),
      },
    });
  }

  // A refused event is noted locally (durably, before RxDB moves its push checkpoint past it);
  // a second refusal of the same event keeps the first note.
  async function noteRefusals(refused: PushRefusedBody['error']['refused']): Promise<void> {
    if (refused.length === 0) return;
    const at = now();
    const result = await db.refusals.bulkInsert(refused.map((r) => ({ ...r, refusedAt: at })));
    const failure = result.error.find((e) => e.status !== 409);
    if (failure) throw new Error(`Could not note a refused event (${failure.status})`);
  }

  const pulls: ReadModelReplications = {};
  for (const name of readModels) {
    const state = replicateReadModel(name);
    (pulls as Record<string, unknown>)[name] = state;
    states.push(state as unknown as RxReplicationState<never, unknown>);
  }

  // RxDB may run a push's batches side by side: the till counts a seq as at HQ only when every
  // seq below it is answered too, so "N waiting" never skips a batch still on its way.
  const answered = new Set<number>();
  const acknowledgeContiguous = (seqs: readonly number[]) => {
    let next = status.get().ackSeq;
    for (const seq of seqs) if (seq > next) answered.add(seq);
    while (answered.delete(next + 1)) next++;
    status.acknowledge(next);
  };
  let pushQueue: Promise<unknown> = Promise.resolve();
  const pushInOrder = inSeqOrder(pushRows, (r) => r.newDocumentState.seq);
  const journal = push
    ? replicateRxCollection<JournalDoc, unknown>({
        collection: db.journal,
        replicationIdentifier: replicationId('journal'),
        live: true,
        retryTime: RETRY_MIN_MS,
        waitForLeadership: true,
        toggleOnDocumentVisible: false,
        push: {
          batchSize: pushBatchSize,
          // One push request at a time: after a long outage RxDB hands over the whole backlog as
          // parallel batches, and with all of them in flight each waits behind the others past its
          // timeout, is retried and answered too late again (issue 11, scenario 13: a week's 20,000
          // sales never drained). Queued, each batch's timeout covers only its own request.
          // A batch behind one that failed is refused here, unsent, and RxDB retries it later.
          handler: (rows) => {
            const run = pushQueue.then(() => pushInOrder(rows));
            pushQueue = run.catch(() => undefined);
            return run;
          },
        },
      })
    : undefined;
  async function pushRows(
    rows: RxReplicationWriteToMasterRow<JournalDoc>[],
  ): Promise<WithDeleted<JournalDoc>[]> {
    // One request per ≤ pushRequestBytes of rows, in order; their conflicts and refusals
    // are merged into one answer. A failed request fails the batch: RxDB pushes it again,
    // and the server stores an event pushed twice once.
    const conflicts: Record<string, unknown>[] = [];
    for (const body of pushBodies(rows, pushRequestBytes)) {
      try {
        conflicts.push(
          ...(await syncCall(
            endpoint,
            syncPaths.push('journal'),
            journalPushResponseSchema,
            // What is waiting on this till, for the store's sync status (core/sync/protocol.ts).
            {
              method: 'POST',
              body,
              headers: { [PENDING_HEADER]: String(waitingCount(status.get())) },
            },
            transport,
          )),
        );
      } catch (e) {
        // 422 event-refused: the listed events were refused, every other one was stored.
        // Note the refused ones and answer like a normal push, so RxDB moves on and the
        // later events still sync; the refused event stays in the journal untouched.
        const refusal = refusalOf(e);
        if (!refusal) return failed(e);
        await noteRefusals(refusal.refused);
        conflicts.push(...refusal.conflicts);
      }
    }
    succeeded();
    // Everything not answered as a conflict is settled on the server: stored, or refused
    // and noted. A conflict on the insert-only journal is a tamper case the server
    // records; it is not acknowledged, so neither is anything after it.
    const conflicting = new Set(conflicts.map((c) => c.id));
    acknowledgeContiguous(
      rows
        .map((r) => r.newDocumentState)
        .filter((d) => !conflicting.has(d.id))
        .map((d) => d.seq),
    );
    return conflicts as unknown as WithDeleted<JournalDoc>[];
  }
  if (journal) states.push(journal as unknown as RxReplicationState<never, unknown>);

  const subs: Subscription[] = states.map((state) =>
    state.error$.subscribe(() => {
      state.retryTime = Math.min((state.retryTime ?? RETRY_MIN_MS) * 2, RETRY_MAX_MS);
    }),
  );
  // The refusals survive a reload: the indicator lists them from the database, oldest first.
  subs.push(
    db.refusals
      .find({ sort: [{ refusedAt: 'asc' }] })
      .$.subscribe((docs) => status.setRefused(docs.map((d) => d.toJSON() as RefusedEventNote))),
  );

  // 'syncing' until the first full catalogue pull has landed, then whenever a pull runs.
  let stopped = false;
  const products = pulls.products;
  status.setPulling(products !== undefined);
  if (products) {
    void products.awaitInitialReplication().then(() => {
      status.setPulling(false);
      if (!stopped) subs.push(products.active$.subscribe((active) => status.setPulling(active)));
    });
  }

  // The quarantine is a standing fact, like the refusals: not a state of the connection.
  status.setQuarantined(quarantine.count());
  const unwatchQuarantine = quarantine.subscribe(() => status.setQuarantined(quarantine.count()));

  return {
    readModels: pulls,
    journal,
    quarantine,
    async stop() {
      stopped = true;
      subs.forEach((s) => s.unsubscribe());
      unwatchQuarantine();
      feed?.close();
      await Promise.all(states.map((s) => s.cancel()));
    },
  };
}
