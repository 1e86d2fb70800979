/** RxDB schema of the `products` read model; the server's rows have the same fields. */
export const productsRxSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    code: { type: 'string', maxLength: 32 },
    name: { type: 'string' },
    priceCents: { type: 'integer', minimum: 0 },
    unit: { type: 'string', enum: ['each', 'kg'] },
    category: { type: 'string' },
    brand: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    serverSeq: { type: 'integer', minimum: 0, maximum: 1e15, multipleOf: 1 },
  },
  required: ['id', 'code', 'name', 'priceCents', 'unit', 'category', 'brand', 'tags', 'serverSeq'],
  indexes: ['code'],
} as const;
