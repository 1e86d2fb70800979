import { z } from 'zod';

/**
 * A published program version as a till replicates it. A version is immutable: a new version is
 * a new document (`docId` = `${programId}@${version}`); retiring a program marks its documents
 * `_deleted`. `program` is the program file itself, validated with core/rules' schema when it was
 * published (and again by the till before it compiles it).
 */
export const programDocSchema = z.object({
  docId: z.string().min(1).max(140),
  programId: z.string().min(1).max(64),
  version: z.number().int().positive(),
  program: z.record(z.string(), z.unknown()),
  publishedAt: z.number().int().nonnegative(),
  serverSeq: z.number().int().nonnegative(),
  _deleted: z.boolean(),
});
export type ProgramDoc = z.infer<typeof programDocSchema>;

export const programDocId = (programId: string, version: number): string => `${programId}@${version}`;
