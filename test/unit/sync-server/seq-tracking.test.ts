import { describe, expect, it } from 'vitest';
import { advanceContiguous, gapsOf } from '../../../sync-server/src/domain/seq-tracking';

describe('seq tracking', () => {
  it('lists the missing ranges: got 1, 2, 5 → 3–4 missing', () => {
    expect(gapsOf(2, [5])).toEqual([{ from: 3, to: 4 }]);
    expect(gapsOf(0, [2, 3, 7, 9])).toEqual([
      { from: 1, to: 1 },
      { from: 4, to: 6 },
      { from: 8, to: 8 },
    ]);
    expect(gapsOf(3, [])).toEqual([]);
  });

  it('moves the contiguous mark up through what arrived, stopping at the first hole', () => {
    expect(advanceContiguous(2, [3, 4, 5])).toBe(5);
    expect(advanceContiguous(2, [3, 5])).toBe(3);
    expect(advanceContiguous(2, [4, 5])).toBe(2);
  });
});
