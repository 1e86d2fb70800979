import type { StoreDoc } from '../sync/read-models';

/**
 * RxDB schema of the `stores` read model: the till's own store settings (name, currency, locale,
 * time zone, scale label layouts), replicated like the catalogue. A till only ever receives its
 * own store's document; the server wins.
 */
export const storesRxSchema = {
  version: 0,
  primaryKey: 'storeId',
  type: 'object',
  properties: {
    storeId: { type: 'string', maxLength: 128 },
    name: { type: 'string' },
    currency: { type: 'string', minLength: 3, maxLength: 3 },
    timeZone: { type: 'string' },
    locale: { type: 'string' },
    variableMeasure: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          prefix: { type: 'string' },
          measure: { type: 'string', enum: ['weight', 'price'] },
          itemDigits: { type: 'integer' },
        },
        required: ['prefix', 'measure', 'itemDigits'],
      },
    },
    serverSeq: { type: 'integer', minimum: 0, maximum: 1e15, multipleOf: 1 },
  },
  required: ['storeId', 'name', 'currency', 'timeZone', 'locale', 'variableMeasure', 'serverSeq'],
} as const;

/** A store document as the till keeps it (RxDB holds `_deleted` itself). */
export type StoreReplicaDoc = Omit<StoreDoc, '_deleted'>;
