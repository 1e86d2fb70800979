import type { ProgramDoc } from '../loyalty/program-doc';

/** RxDB schema of the `programs` read model: published program versions in the store's scope. */
export const programsRxSchema = {
  version: 0,
  primaryKey: 'docId',
  type: 'object',
  properties: {
    docId: { type: 'string', maxLength: 140 },
    programId: { type: 'string', maxLength: 64 },
    version: { type: 'integer', minimum: 1, maximum: 1e9, multipleOf: 1 },
    program: { type: 'object' },
    publishedAt: { type: 'integer' },
    serverSeq: { type: 'integer', minimum: 0, maximum: 1e15, multipleOf: 1 },
  },
  required: ['docId', 'programId', 'version', 'program', 'publishedAt', 'serverSeq'],
} as const;

export type ProgramReplicaDoc = Omit<ProgramDoc, '_deleted'>;
