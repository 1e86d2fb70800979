import { monotonicFactory } from 'ulid';

/**
 * IDs are ULIDs made where the fact happens (safe offline, sortable by creation).
 * The factory takes the moment as an argument: core never reads the clock itself.
 */
export type IdFactory = (nowMs: number) => string;

export function createIdFactory(): IdFactory {
  const next = monotonicFactory();
  return (nowMs: number) => next(nowMs);
}

const ULID_RE = /^[0-9A-HJKMNP-TV-Z]{26}$/;
export function isUlid(s: string): boolean {
  return ULID_RE.test(s);
}
