import { z } from 'zod';
import { programSchema } from './schema/program';

/** The JSON Schema editors use to check program files (committed as sync-server/programs/program.schema.json). */
export function programJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(programSchema, { target: 'draft-2020-12', io: 'input' }) as Record<
    string,
    unknown
  >;
  // zod copies the registry id (which names the $defs entry) into the definition as "id", a keyword
  // draft 2020-12 validators reject; the name of the $defs entry already carries it.
  const defs = (schema.$defs ?? {}) as Record<string, Record<string, unknown>>;
  for (const def of Object.values(defs)) delete def.id;
  return { ...schema, title: 'Kassa loyalty program' };
}
