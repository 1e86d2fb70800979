import { describe, expect, it } from 'vitest';
import { decodeTime } from 'ulid';
import { createIdFactory, isUlid } from '../../../../core/ids/ids';

describe('ids', () => {
  it('makes ULIDs that carry the moment they were made', () => {
    const at = Date.UTC(2026, 10, 25, 12);
    const id = createIdFactory()(at);
    expect(isUlid(id)).toBe(true);
    expect(decodeTime(id)).toBe(at);
  });

  it('ids made in the same millisecond are distinct and sort in the order they were made', () => {
    const next = createIdFactory();
    const ids = Array.from({ length: 1000 }, () => next(1_800_000_000_000));
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
  });

  it('ids sort by time across milliseconds, even when the clock is read out of order later', () => {
    const next = createIdFactory();
    const a = next(1_000);
    const b = next(2_000);
    const c = next(1_500); // a clock step back: the factory stays monotonic
    expect([a, b, c].sort()).toEqual([a, b, c]);
  });

  it('isUlid refuses other strings', () => {
    expect(isUlid('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe(true);
    expect(isUlid('01ARZ3NDEKTSV4RRFFQ69G5FAI')).toBe(false); // I is not Crockford
    expect(isUlid('short')).toBe(false);
  });
});
