/**
 * RxDB schema of the local `journal` collection: insert-only, one document per event.
 * The nested shapes are validated by core/journal's zod schema before the write; RxDB keeps the
 * indexed fields typed so `seq` lookups stay fast.
 *
 * Version 1: sale v2 fields (subtotalCents, discountCents; memberId may be null).
 * Version 2: sale v3's `loyalty` block (null for an anonymous sale).
 * Sale v4's `flags` and `donations` need no new version: the schema does not close the body
 * (no additionalProperties: false), the zod schema validates them before the write, and nothing
 * on the till queries them.
 */
export const journalRxSchema = {
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 26 },
    type: { type: 'string', maxLength: 40 },
    terminalId: { type: 'string', maxLength: 64 },
    storeId: { type: 'string' },
    seq: { type: 'integer', minimum: 1, maximum: 1e12, multipleOf: 1 },
    prevHash: { type: 'string' },
    hash: { type: 'string' },
    createdAt: { type: 'integer' },
    businessDay: { type: 'string' },
    schemaVersion: { type: 'integer' },
    currency: { type: 'string' },
    lines: { type: 'array', items: { type: 'object' } },
    subtotalCents: { type: 'integer' },
    discountCents: { type: 'integer' },
    totalCents: { type: 'integer' },
    payments: { type: 'array', items: { type: 'object' } },
    memberId: { type: ['string', 'null'] },
    loyalty: { type: ['object', 'null'] },
  },
  required: ['id', 'type', 'terminalId', 'storeId', 'seq', 'prevHash', 'hash', 'createdAt', 'businessDay'],
  indexes: ['seq'],
} as const;

/**
 * Identity at every step: an event is immutable and its hash covers it, so a v1 sale stays a v1
 * sale on the till (the server upcasts it). Only the collection's schema moves on.
 */
export const journalMigrationStrategies = {
  1: (doc: Record<string, unknown>) => doc,
  2: (doc: Record<string, unknown>) => doc,
};
