import type { RefusedEvent } from '../sync/protocol';

/**
 * RxDB schema of the till's local `refusals` collection: the journal events the server refused
 * (a 422 `event-refused` answer to a push), with the server's reason, path and message, so the
 * sync indicator can list them after a reload too. The refused event itself stays in the journal
 * untouched; this is the till's note of what HQ said about it. Local only, never replicated.
 */
export const refusalsRxSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    /** The refused event's id. */
    id: { type: 'string', maxLength: 128 },
    seq: { type: ['integer', 'null'] },
    type: { type: ['string', 'null'] },
    reason: { type: 'string' },
    path: { type: 'string' },
    message: { type: 'string' },
    /** Epoch ms when the till first received the refusal. */
    refusedAt: { type: 'integer', minimum: 0, maximum: 1e15, multipleOf: 1 },
  },
  required: ['id', 'seq', 'type', 'reason', 'path', 'message', 'refusedAt'],
  indexes: ['refusedAt'],
} as const;

export type RefusalDoc = RefusedEvent & { refusedAt: number };
