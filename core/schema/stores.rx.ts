import type { StoreDoc } from '../sync/read-models';

/**
 * RxDB schema of the `stores` read model: the till's own store settings (name, currency, locale,
 * time zone, scale label layouts), replicated like the catalogue. A till only ever receives its
 * own store's document; the server wins.
 */
export const storesRxSchema = {
  version: 1,
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
    // Spending (issue 9): the store's offline policy, line limits and managers (core/store/store-policy.ts).
    offlinePolicy: { type: 'object' },
    sanityLimits: { type: 'object' },
    managers: { type: 'array', items: { type: 'object' } },
    serverSeq: { type: 'integer', minimum: 0, maximum: 1e15, multipleOf: 1 },
  },
  required: ['storeId', 'name', 'currency', 'timeZone', 'locale', 'variableMeasure', 'serverSeq'],
} as const;

/** A store document as the till keeps it (RxDB holds `_deleted` itself). */
export type StoreReplicaDoc = Omit<StoreDoc, '_deleted'>;

/** v0 → v1: a store document before spending had no policy; the defaults apply (store-policy.ts). */
export const storesMigrationStrategies = {
  1: (doc: Record<string, unknown>) => doc,
};
