import { z } from 'zod';
import { storeSettingsSchema } from '../store/store-settings';
import { readModelDocSchemas, type ReadModelName } from './read-models';

/**
 * The terminal ↔ server replication protocol, in the shape of RxDB's replication protocol:
 * pull by checkpoint, push with conflict answer, live stream. Client and server import these
 * schemas so both ends validate the same thing.
 *
 * The API version is in every URL: a terminal built for another version gets a 426, not damage.
 */
export const SYNC_API_VERSION = 1;
/**
 * The protocol versions this build can speak. A server answers 426 only for a version outside
 * this range — never for an event it can store and park (events carry their own schemaVersion).
 */
export const SUPPORTED_SYNC_API = { min: 1, max: 1 } as const;
export const SYNC_BASE = `/sync/v${SYNC_API_VERSION}`;

export const syncPaths = {
  pair: '/pair',
  health: '/health',
  terminal: `${SYNC_BASE}/terminal`,
  /** Pull one read model by checkpoint (the same path for every collection). */
  pull: (collection: ReadModelName) => `${SYNC_BASE}/${collection}/pull`,
  /** ONE live stream per till, carrying every read model it replicates (`feedStreamMessageSchema`). */
  feedStream: `${SYNC_BASE}/feed/stream`,
  /** The stream of landed tills: products only, in the old message shape (`productStreamMessageSchema`). */
  stream: (collection: 'products') => `${SYNC_BASE}/${collection}/stream`,
  push: (collection: PushedCollection) => `${SYNC_BASE}/${collection}/push`,
  /** The till's own store's sync status (core/backoffice/api.ts StoreSyncStatus), for manager mode. */
  storeStatus: `${SYNC_BASE}/store-status`,
} as const;

/** @deprecated the landed name; every read model is pulled the same way now. */
export type PulledCollection = ReadModelName;
export type PushedCollection = 'journal';

/** Read models are ordered by the server-assigned `serverSeq`; the checkpoint is the last one seen. */
export const checkpointSchema = z.object({ serverSeq: z.number().int().nonnegative() });
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const MAX_PULL_LIMIT = 5_000;
export const MAX_PUSH_BATCH = 500;

/** GET pull?serverSeq=…&limit=… */
export const pullQuerySchema = z.object({
  serverSeq: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().positive().max(MAX_PULL_LIMIT).default(1_000),
});

export function pullResponseSchema<N extends ReadModelName>(collection: N) {
  return z.object({ documents: z.array(readModelDocSchemas[collection]), checkpoint: checkpointSchema });
}
export interface PullResponse<D> {
  documents: D[];
  checkpoint: Checkpoint;
}

/**
 * GET /sync/v1/members/lookup?card=… (a card not in the replica) or ?id=… (a member id a verified
 * member-app code named): one member. Exactly one of the two.
 */
export const memberLookupQuerySchema = z
  .object({ card: z.string().min(1).max(64).optional(), id: z.string().min(1).max(64).optional() })
  .refine((q) => (q.card === undefined) !== (q.id === undefined), 'give either card or id, not both');
export const memberLookupPath = `${SYNC_BASE}/members/lookup`;

export const productPullResponseSchema = pullResponseSchema('products');
export type ProductPullResponse = z.infer<typeof productPullResponseSchema>;

/**
 * A pushed journal document as RxDB sends it. Only the shape of a row is checked here: the server
 * keeps the document exactly as received (unknown fields included, so the hash still verifies) and
 * validates the envelope and the body per event (core/journal/admission.ts), so one bad event never
 * refuses the batch around it.
 */
export const pushedJournalDocSchema = z.custom<Record<string, unknown>>(
  // Checked, never rebuilt: a copy would turn an own `__proto__` key into a prototype, which the
  // per-event shape check (core/journal/document-shape.ts) must see and refuse.
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  'must be a journal document (an object)',
);
export type PushedJournalDoc = z.infer<typeof pushedJournalDocSchema>;

export const journalPushRowSchema = z.object({
  assumedMasterState: pushedJournalDocSchema.nullable().optional(),
  newDocumentState: pushedJournalDocSchema,
});
/**
 * Optional header of a journal push: how many journal events were waiting on the till (not yet
 * acknowledged) when it pushed, this push's own events included; the server takes off those it
 * stores, so the store's sync status can say what has not reached HQ. The
 * body is RxDB's row array, so the count travels beside it; a till that does not send it (an older
 * release) still pushes, and its count shows as unknown.
 */
export const PENDING_HEADER = 'x-kassa-pending';
export const pendingCountSchema = z.coerce.number().int().min(0).max(100_000_000);

export const journalPushRequestSchema = z.array(journalPushRowSchema).max(MAX_PUSH_BATCH);
export type JournalPushRow = z.infer<typeof journalPushRowSchema>;

/**
 * The push answer is RxDB's: the master state of every conflicting document. The journal is
 * insert-only, so the only conflict is the same id (of the same terminal) with other content.
 */
export const journalPushResponseSchema = z.array(pushedJournalDocSchema);

/**
 * 422 `event-refused`: these events of the batch were refused (each with the path and a message a
 * manager can read); every other event of the batch WAS stored. The till keeps a refused event,
 * shows it as refused and moves on, so later events still sync.
 */
export const refusedEventSchema = z.object({
  /** null when the document had no readable id. */
  id: z.string().nullable(),
  seq: z.number().nullable(),
  type: z.string().nullable(),
  reason: z.string(),
  path: z.string(),
  message: z.string(),
});
export type RefusedEvent = z.infer<typeof refusedEventSchema>;
export const pushRefusedBodySchema = z.object({
  error: z.object({
    type: z.literal('event-refused'),
    message: z.string(),
    path: z.string(),
    refused: z.array(refusedEventSchema),
    stored: z.number().int().nonnegative(),
    conflicts: journalPushResponseSchema,
  }),
});
export type PushRefusedBody = z.infer<typeof pushRefusedBodySchema>;

/** One message on the legacy product stream: new documents, or 'RESYNC'. */
export const productStreamMessageSchema = z.union([productPullResponseSchema, z.literal('RESYNC')]);

/**
 * One message on the feed stream: new documents of one collection, or 'RESYNC' for all of them
 * (sent on connect, and when the stream fell behind): the till then pulls every collection from
 * its checkpoint.
 */
export const feedStreamMessageSchema = z.union([
  z.object({
    collection: z.string(),
    documents: z.array(z.record(z.string(), z.unknown())),
    checkpoint: checkpointSchema,
  }),
  z.literal('RESYNC'),
]);
export type FeedStreamMessage = z.infer<typeof feedStreamMessageSchema>;

export const pairRequestSchema = z.object({
  code: z.string().min(4).max(64),
  terminalName: z.string().min(1).max(80).optional(),
});
export const pairResponseSchema = z.object({
  terminalId: z.string(),
  storeId: z.string(),
  token: z.string(),
  store: storeSettingsSchema,
});
export type PairResponse = z.infer<typeof pairResponseSchema>;

export const terminalInfoSchema = z.object({
  terminalId: z.string(),
  storeId: z.string(),
  store: storeSettingsSchema,
  /** The last seq the server has folded for this terminal (0 when none): the resume point. */
  lastSeq: z.number().int().nonnegative(),
  /** That event's hash, so a reinstalled till continues the hash chain as well as the seq. */
  lastHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /**
   * The highest seq below which the server has every event of this terminal. A till compares it
   * with the seq it had acknowledged: below it, the server lost events it once stored (its
   * database was restored from an older backup) and the till pushes them again
   * (renderer/src/sync/server-loss-check.ts). Optional: an older till ignores it, and an answer
   * without it (an older server) means "unknown", never "lost".
   */
  contiguousSeq: z.number().int().nonnegative().optional(),
});
export type TerminalInfo = z.infer<typeof terminalInfoSchema>;

/** Every error answer: something a person can read, and a type a program can switch on. */
export const errorBodySchema = z.object({
  error: z.object({ type: z.string(), message: z.string(), path: z.string().optional() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
