import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createProgramCache,
  evaluate,
  parseProgram,
  type Basket,
  type EvalContext,
  type Member,
  type Program,
} from '../../../../../core/rules/index';
import { ctx } from './builders';

const dir = join(__dirname, '../../../../../sync-server/programs/examples');
const cache = createProgramCache();

export function example(file: string): Program {
  const r = parseProgram(JSON.parse(readFileSync(join(dir, `${file}.json`), 'utf8')));
  if (!r.ok) throw new Error(`${file}: ${r.message}`);
  return r.value;
}

/** Evaluates example programs (by file name) the way a till does: compiled once through a cache. */
export function evalExamples(
  files: string[],
  basket: Basket,
  member: Member | null,
  c: Partial<EvalContext> = {},
) {
  return evaluate(
    files.map((f) => cache.get(example(f))),
    basket,
    member,
    ctx(c),
  );
}

export const texts = (r: { trace: readonly { text: string }[] }) => r.trace.map((t) => t.text);
