import type { z } from 'zod';

/**
 * Turns the first zod issue of a refused document into a sentence for a store manager, with the
 * numbers ("lines has 3,277 entries; at most 500 are allowed."). Hand-written because zod's own
 * messages ("Too big: expected array to have <=500 items") do not say what was received.
 */
export function describeIssue(issue: z.core.$ZodIssue, doc: unknown): string {
  const path = pathOf(issue);
  const field = path === '' ? 'The event' : path;
  const value = valueAt(doc, issue.path);
  switch (issue.code) {
    case 'too_big':
    case 'too_small': {
      const limit = issue.code === 'too_big' ? issue.maximum : issue.minimum;
      const bound = issue.code === 'too_big' ? 'at most' : 'at least';
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'array') {
        const n = Array.isArray(value) ? value.length : undefined;
        const has = n === undefined ? '' : `${field} has ${count(n, 'entry', 'entries')}; `;
        return `${has || `${field}: `}${bound} ${num(limit)} ${Number(limit) === 1 ? 'is' : 'are'} allowed.`;
      }
      if (issue.origin === 'string') {
        const n = typeof value === 'string' ? value.length : undefined;
        const has =
          n === undefined ? `${field}: ` : `${field} is ${count(n, 'character', 'characters')} long; `;
        return `${has}${bound} ${num(limit)} ${Number(limit) === 1 ? 'is' : 'are'} allowed.`;
      }
      const got = typeof value === 'number' ? `${field} is ${num(value)}; ` : `${field}: `;
      const op = inclusive ? bound : issue.code === 'too_big' ? 'less than' : 'more than';
      return `${got}it must be ${op} ${num(limit)}.`;
    }
    case 'invalid_type': {
      if (value === undefined) return `${field} is missing.`;
      if (issue.expected === 'int') return `${field} is ${show(value)}; it must be a whole number.`;
      return `${field} is ${show(value)}; it must be ${article(issue.expected)}.`;
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => show(v)).join(', ');
      const one = issue.values.length === 1;
      return `${field} is ${show(value)}; ${one ? 'it must be' : 'expected one of'} ${allowed}.`;
    }
    default:
      return `${field} ${value === undefined ? 'is missing' : `is ${show(value)}`}: ${issue.message}.`;
  }
}

/** 'lines.3.amountCents'; '' for the document itself. */
export function pathOf(issue: z.core.$ZodIssue): string {
  return issue.path.map((p) => String(p)).join('.');
}

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = doc;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || typeof key === 'symbol') return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });

function num(n: number | bigint): string {
  return grouped.format(n);
}

function count(n: number, one: string, many: string): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/** A received value, short enough for a sentence. */
function show(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return num(value);
  if (typeof value === 'string') {
    const clipped = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `'${clipped}'`;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${count(value.length, 'entry', 'entries')}`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
