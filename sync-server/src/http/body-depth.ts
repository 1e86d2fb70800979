import type { FastifyReply } from 'fastify';
import { sendError } from './errors';

/** Far deeper than any program, reward or import file nests. */
export const MAX_BODY_DEPTH = 64;

/** Walked with an explicit stack: a body nested 10,000 deep must not overflow the call stack here either. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Answers 422 for a JSON body nested deeper than MAX_BODY_DEPTH and returns true. A schema that
 * accepts any shape at first (a program file is checked field by field) otherwise hands such a
 * body to zod, whose error report then overflows the stack: a 500 for the caller's input.
 */
export function refusedAsTooDeep(body: unknown, reply: FastifyReply): boolean {
  if (!nestsDeeperThan(body, MAX_BODY_DEPTH)) return false;
  sendError(reply, 'invalid-input', `Invalid input — the body nests deeper than ${MAX_BODY_DEPTH} levels.`);
  return true;
}
