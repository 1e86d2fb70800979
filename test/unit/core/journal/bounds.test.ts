import { describe, expect, it } from 'vitest';
import { isCalendarDate, JOURNAL_BOUNDS } from '../../../../core/journal';

describe('isCalendarDate', () => {
  it('takes days that exist and refuses the others', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true); // leap year
    expect(isCalendarDate('2000-02-29')).toBe(true); // divisible by 400
    expect(isCalendarDate('2026-12-31')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2100-02-29')).toBe(false); // divisible by 100, not 400
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-00-10')).toBe(false);
    expect(isCalendarDate('2026-01-00')).toBe(false);
  });

  it('only YYYY-MM-DD in the years 2000..2999', () => {
    expect(isCalendarDate('2000-01-01')).toBe(true);
    expect(isCalendarDate('2999-12-31')).toBe(true);
    expect(isCalendarDate('1999-12-31')).toBe(false);
    expect(isCalendarDate('3000-01-01')).toBe(false);
    expect(isCalendarDate('25-11-2026')).toBe(false);
    expect(isCalendarDate('2026-1-05')).toBe(false);
    expect(isCalendarDate('2026-11-25T00:00')).toBe(false);
    expect(isCalendarDate(' 2026-11-25')).toBe(false);
    expect(isCalendarDate('')).toBe(false);
  });
});

describe('JOURNAL_BOUNDS', () => {
  it('a full basket of the largest amounts still sums exactly in a double', () => {
    const worst = JOURNAL_BOUNDS.maxLines * JOURNAL_BOUNDS.maxAbsCents;
    expect(Number.isSafeInteger(worst)).toBe(true);
  });
});
