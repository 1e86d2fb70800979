import type { z } from 'zod';
import { err, ok, type Result } from '../result/result';
import { programSchema, type Program } from './schema/program';

export interface ProgramIssue {
  /** e.g. rules[2].then[0].points */
  readonly path: string;
  readonly message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out === '' ? '(program)' : out;
}

const EXPECTED: Record<string, string> = {
  object: 'an object { … }',
  array: 'a list [ … ]',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

function plainMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      // Messages set in the schema already read well; zod's defaults do not.
      return issue.message.startsWith('Invalid input')
        ? `must be ${EXPECTED[issue.expected] ?? issue.expected}`
        : issue.message;
    case 'invalid_value':
      return issue.input === undefined ? 'is required' : issue.message;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union':
      return issue.input === undefined ? 'is required' : issue.message;
    default:
      return issue.message;
  }
}

/** Every mistake with its path, deduplicated (a value can break two checks with one message). */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): ProgramIssue[] {
  const seen = new Set<string>();
  const out: ProgramIssue[] = [];
  for (const issue of issues) {
    const path = formatPath(issue.path);
    const message = plainMessage(issue);
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out;
}

export function parseProgram(input: unknown): Result<Program, 'invalid-program', ProgramIssue[]> {
  const parsed = programSchema.safeParse(input, { reportInput: true });
  if (parsed.success) return ok(parsed.data);
  const issues = formatIssues(parsed.error.issues);
  return err('invalid-program', issues.map((i) => `${i.path}: ${i.message}`).join('\n'), issues);
}
