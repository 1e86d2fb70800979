/**
 * RxDB schema of the local `journal` collection: insert-only, one document per event.
 * The nested shapes are validated by core/journal's zod schema before the write; RxDB keeps the
 * indexed fields typed so `seq` lookups stay fast.
 */
export const journalRxSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 26 },
    type: { type: 'string', maxLength: 32 },
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
    totalCents: { type: 'integer' },
    payments: { type: 'array', items: { type: 'object' } },
    memberId: { type: 'string' },
  },
  required: ['id', 'type', 'terminalId', 'storeId', 'seq', 'prevHash', 'hash', 'createdAt', 'businessDay'],
  indexes: ['seq'],
} as const;
