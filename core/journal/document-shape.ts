import { JOURNAL_BOUNDS as B } from './bounds';

export interface ShapeProblem {
  path: string;
  message: string;
}

/** An unpaired UTF-16 surrogate: no database stores it as text unchanged. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Bounds on the whole document, unknown fields included, checked before anything else reads it:
 * nesting depth, number of values and size; text a database keeps as it is (no NUL, no unpaired
 * surrogate); and no key shaped like prototype poisoning (`__proto__`, `constructor.prototype`).
 * Iterative, so a document nested 10,000 deep is an answer, not a stack overflow.
 */
export function documentShapeProblem(doc: unknown): ShapeProblem | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: doc, path: '', depth: 0 }];
  let values = 0;
  let chars = 0;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as (typeof stack)[number];
    if (++values > B.maxValues)
      return { path, message: `the event holds more than ${B.maxValues.toLocaleString('en-US')} values.` };
    if (typeof value === 'string') {
      chars += value.length + 2;
      const text = textProblem(value);
      if (text) return { path, message: text };
    } else if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
      chars += 8;
    } else if (typeof value === 'object') {
      if (depth >= B.maxDepth)
        return { path, message: `the event is nested deeper than ${B.maxDepth} levels.` };
      const entries = Array.isArray(value)
        ? value.map((v, i) => [String(i), v] as const)
        : Object.entries(value);
      for (const [key, child] of entries) {
        const at = path ? `${path}.${key}` : key;
        if (!Array.isArray(value)) {
          chars += key.length + 3;
          if (key === '__proto__' || (key === 'constructor' && isObjectWith(child, 'prototype'))) {
            return { path: at, message: `the field name "${key}" is not allowed.` };
          }
          const text = textProblem(key);
          if (text) return { path: at, message: `the field name: ${text}` };
        }
        stack.push({ value: child, path: at, depth: depth + 1 });
      }
    } else if (value !== undefined) {
      // undefined is what JSON leaves out: absent, not a problem.
      return { path, message: 'the event holds a value JSON cannot carry.' };
    }
    if (chars > B.maxDocumentChars) {
      return {
        path,
        message: `the event is larger than ${B.maxDocumentChars.toLocaleString('en-US')} characters (at ${path || 'the top'}).`,
      };
    }
  }
  return undefined;
}

function textProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'text must not contain the NUL character.';
  if (LONE_SURROGATE.test(s)) return 'text must be valid Unicode (it holds an unpaired surrogate).';
  return undefined;
}

function isObjectWith(value: unknown, key: string): boolean {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key);
}
