import { z } from 'zod';
import { journalEventSchema } from '../journal/sale-event';
import { productSchema } from '../catalog/product';
import { storeSettingsSchema } from '../store/store-settings';

/**
 * The terminal ↔ server replication protocol, in the shape of RxDB's replication protocol:
 * pull by checkpoint, push with conflict answer, live stream. Client and server import these
 * schemas so both ends validate the same thing.
 *
 * The API version is in every URL: a terminal built for another version gets a 426, not damage.
 */
export const SYNC_API_VERSION = 1;
export const SYNC_BASE = `/sync/v${SYNC_API_VERSION}`;

export const syncPaths = {
  pair: '/pair',
  health: '/health',
  terminal: `${SYNC_BASE}/terminal`,
  pull: (collection: PulledCollection) => `${SYNC_BASE}/${collection}/pull`,
  stream: (collection: PulledCollection) => `${SYNC_BASE}/${collection}/stream`,
  push: (collection: PushedCollection) => `${SYNC_BASE}/${collection}/push`,
} as const;

export type PulledCollection = 'products';
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

export const productPullResponseSchema = z.object({
  documents: z.array(productSchema),
  checkpoint: checkpointSchema,
});
export type ProductPullResponse = z.infer<typeof productPullResponseSchema>;

/** A pushed journal document, as RxDB sends it (with its `_deleted` flag, always false here). */
export const pushedJournalDocSchema = z.intersection(journalEventSchema, z.object({ _deleted: z.boolean() }));

export const journalPushRowSchema = z.object({
  assumedMasterState: pushedJournalDocSchema.nullable().optional(),
  newDocumentState: pushedJournalDocSchema,
});
export const journalPushRequestSchema = z.array(journalPushRowSchema).max(MAX_PUSH_BATCH);
export type JournalPushRow = z.infer<typeof journalPushRowSchema>;

/**
 * The push answer is RxDB's: the master state of every conflicting document. The journal is
 * insert-only, so the only conflict is the same id with other content (a tamper exception).
 */
export const journalPushResponseSchema = z.array(pushedJournalDocSchema);

/** One message on the SSE stream: new documents, or 'RESYNC' after the stream lost its place. */
export const productStreamMessageSchema = z.union([productPullResponseSchema, z.literal('RESYNC')]);

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
});
export type TerminalInfo = z.infer<typeof terminalInfoSchema>;

/** Every error answer: something a person can read, and a type a program can switch on. */
export const errorBodySchema = z.object({ error: z.object({ type: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof errorBodySchema>;
