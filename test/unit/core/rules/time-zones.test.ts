import { describe, expect, it } from 'vitest';
import { instantOfLocal, localTime } from '../../../../core/rules/index';
import { basket, line, member, run } from './support/builders';
import { passes } from './support/check';

const AMS = 'Europe/Amsterdam';
const BUC = 'Europe/Bucharest';
const at = (iso: string, timeZone: string) => ({ ctx: { at: Date.parse(iso), timeZone } });

describe('store-local time across DST (EU switches at 01:00 UTC on the last Sunday of March/October)', () => {
  it('spring forward: Amsterdam jumps 02:00 → 03:00, Bucharest 03:00 → 04:00', () => {
    expect(localTime(Date.parse('2026-03-29T00:59:00Z'), AMS).dateTime).toBe('2026-03-29T01:59');
    expect(localTime(Date.parse('2026-03-29T01:00:00Z'), AMS).dateTime).toBe('2026-03-29T03:00');
    expect(localTime(Date.parse('2026-03-29T00:59:00Z'), BUC).dateTime).toBe('2026-03-29T02:59');
    expect(localTime(Date.parse('2026-03-29T01:00:00Z'), BUC).dateTime).toBe('2026-03-29T04:00');
  });

  it('an hour window in the skipped hour never matches that night; the next one does at once', () => {
    const skipped = { type: 'hours', from: '02:00', until: '03:00' } as const;
    const after = { type: 'hours', from: '03:00', until: '04:00' } as const;
    expect(passes(skipped, at('2026-03-29T00:59:59Z', AMS))).toBe(false); // 01:59:59 CET
    expect(passes(skipped, at('2026-03-29T01:00:00Z', AMS))).toBe(false); // 03:00 CEST
    expect(passes(after, at('2026-03-29T01:00:00Z', AMS))).toBe(true);
    expect(passes(after, at('2026-03-29T00:59:00Z', BUC))).toBe(false); // 02:59 EET
    expect(passes({ type: 'hours', from: '04:00', until: '05:00' }, at('2026-03-29T01:00:00Z', BUC))).toBe(
      true,
    );
  });

  it('fall back: the repeated hour matches both times (Amsterdam 02:xx, Bucharest 03:xx)', () => {
    const ams = { type: 'hours', from: '02:00', until: '03:00' } as const;
    expect(passes(ams, at('2026-10-25T00:30:00Z', AMS))).toBe(true); // 02:30 CEST
    expect(passes(ams, at('2026-10-25T01:30:00Z', AMS))).toBe(true); // 02:30 CET
    expect(passes(ams, at('2026-10-25T02:00:00Z', AMS))).toBe(false); // 03:00 CET
    const buc = { type: 'hours', from: '03:00', until: '04:00' } as const;
    expect(passes(buc, at('2026-10-25T00:30:00Z', BUC))).toBe(true); // 03:30 EEST
    expect(passes(buc, at('2026-10-25T01:30:00Z', BUC))).toBe(true); // 03:30 EET
    expect(passes(buc, at('2026-10-24T23:59:00Z', BUC))).toBe(false); // 02:59 EEST
  });

  it('weekday follows the store, not UTC: Saturday 23:30 UTC is Sunday in both stores', () => {
    const sunday = { type: 'days-of-week', days: ['sun'] } as const;
    expect(passes(sunday, at('2026-03-28T23:30:00Z', AMS))).toBe(true);
    expect(passes(sunday, at('2026-03-28T22:30:00Z', AMS))).toBe(false); // 23:30 CET Saturday
    expect(passes(sunday, at('2026-03-28T22:30:00Z', BUC))).toBe(true); // 00:30 EET Sunday
    // summer: Amsterdam is UTC+2, so 22:00 UTC Saturday is already Sunday
    expect(passes(sunday, at('2026-06-27T22:00:00Z', AMS))).toBe(true);
    expect(passes(sunday, at('2026-06-27T21:59:00Z', AMS))).toBe(false);
  });

  it('date windows start at store-local midnight in summer time', () => {
    const july = { type: 'dates', from: '2026-07-01', until: '2026-07-31' } as const;
    expect(passes(july, at('2026-06-30T22:00:00Z', AMS))).toBe(true); // 00:00 CEST
    expect(passes(july, at('2026-06-30T21:59:00Z', AMS))).toBe(false);
    expect(passes(july, at('2026-06-30T21:00:00Z', BUC))).toBe(true); // 00:00 EEST
    expect(passes(july, at('2026-06-30T20:59:00Z', BUC))).toBe(false);
    expect(passes(july, at('2026-07-31T21:59:00Z', AMS))).toBe(true); // 23:59 on the 31st
    expect(passes(july, at('2026-07-31T22:00:00Z', AMS))).toBe(false);
  });

  it('an hour window can wrap past midnight', () => {
    const late = { type: 'hours', from: '22:00', until: '02:00' } as const;
    expect(passes(late, at('2026-11-25T21:00:00Z', AMS))).toBe(true); // 22:00
    expect(passes(late, at('2026-11-26T00:59:00Z', AMS))).toBe(true); // 01:59
    expect(passes(late, at('2026-11-26T01:00:00Z', AMS))).toBe(false); // 02:00
    expect(passes(late, at('2026-11-25T20:59:00Z', AMS))).toBe(false);
  });
});

describe('program validity windows across DST', () => {
  const earn = [{ id: 'r', name: 'Bonus', then: [{ type: 'points-fixed', points: 1 }] }];
  const active = (validity: Record<string, string>, iso: string, timeZone = AMS) =>
    Object.keys(
      run(earn, basket([line('a', 'x', 100)]), member(), { at: Date.parse(iso), timeZone }, { validity })
        .points,
    ).length > 0;

  it('a start inside the skipped spring hour begins at the jump (03:00 CEST = 01:00 UTC)', () => {
    expect(active({ from: '2026-03-29T02:30' }, '2026-03-29T00:59:00Z')).toBe(false); // 01:59 CET
    expect(active({ from: '2026-03-29T02:30' }, '2026-03-29T01:00:00Z')).toBe(true); // 03:00 CEST
  });

  it('an end inside the repeated autumn hour ends at its first occurrence and does not reopen', () => {
    expect(active({ until: '2026-10-25T02:30' }, '2026-10-25T00:29:00Z')).toBe(true); // 02:29 CEST
    expect(active({ until: '2026-10-25T02:30' }, '2026-10-25T00:30:00Z')).toBe(false); // 02:30 CEST
    expect(active({ until: '2026-10-25T02:30' }, '2026-10-25T01:15:00Z')).toBe(false); // 02:15 CET: no reopening
  });

  it('a Bucharest program ends at Bucharest midnight, an hour before Amsterdam’s', () => {
    expect(active({ until: '2027-01-01' }, '2026-12-31T21:59:00Z', BUC)).toBe(true);
    expect(active({ until: '2027-01-01' }, '2026-12-31T22:00:00Z', BUC)).toBe(false);
    expect(active({ until: '2027-01-01' }, '2026-12-31T22:00:00Z', AMS)).toBe(true);
  });
});

describe('instantOfLocal', () => {
  it('maps store-local wall-clock times to instants in both zones', () => {
    expect(new Date(instantOfLocal('2026-07-01', AMS)).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(new Date(instantOfLocal('2026-07-01', BUC)).toISOString()).toBe('2026-06-30T21:00:00.000Z');
    expect(new Date(instantOfLocal('2026-01-15T09:45', BUC)).toISOString()).toBe('2026-01-15T07:45:00.000Z');
    // skipped hour → the jump; repeated hour → first occurrence
    expect(new Date(instantOfLocal('2026-03-29T02:30', AMS)).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(new Date(instantOfLocal('2026-03-29T03:30', BUC)).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(new Date(instantOfLocal('2026-10-25T02:30', AMS)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(instantOfLocal('2026-10-25T03:30', BUC)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});
