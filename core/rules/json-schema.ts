import { z } from 'zod';
import { programSchema } from './schema/program';

/** The JSON Schema editors use to check program files (committed as sync-server/programs/program.schema.json). */
export function programJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(programSchema, { target: 'draft-2020-12', io: 'input' }),
    title: 'Kassa loyalty program',
  };
}
