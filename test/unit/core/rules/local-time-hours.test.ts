import { describe, expect, it } from 'vitest';
import { localTime, type LocalTime } from '../../../../core/rules/local-time';

/**
 * localTime reads an hour's offset once and does the rest by arithmetic: it must give what Intl
 * says for every instant, in every zone, across offset changes (DST, half-hour and 45-minute zones).
 */
const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const formats = new Map<string, Intl.DateTimeFormat>();
function reference(at: number, timeZone: string): LocalTime {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formats.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  const [year, month, day, hour, minute] = ['year', 'month', 'day', 'hour', 'minute'].map((k) =>
    Number(parts[k]),
  ) as [number, number, number, number, number];
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return {
    date,
    dateTime: `${date}T${String(hour % 24).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
    year,
    month,
    day,
    weekday: WEEKDAYS[parts.weekday as string] as number,
    minutes: (hour % 24) * 60 + minute,
  };
}

/** A small seeded generator: the same instants on every run. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

const HOUR = 3_600_000;

describe('localTime', { timeout: 60_000 }, () => {
  it('agrees with Intl at random instants from 1975 to 2040 in every zone', () => {
    const random = seeded(8);
    const from = Date.UTC(1975, 0, 1);
    const to = Date.UTC(2040, 0, 1);
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      for (let i = 0; i < 40; i++) {
        const at = Math.floor(from + random() * (to - from));
        expect(localTime(at, zone), `${zone} ${new Date(at).toISOString()}`).toEqual(reference(at, zone));
      }
    }
  });

  it('agrees with Intl every few minutes around each offset change of 2025 and 2026', () => {
    const zones = [
      'Europe/Amsterdam',
      'Europe/Bucharest',
      'America/New_York',
      'America/St_Johns',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Asia/Kathmandu',
      'Asia/Tehran',
    ];
    for (const zone of zones) {
      const offset = (at: number) => {
        const r = reference(at, zone);
        return Date.UTC(r.year, r.month - 1, r.day) + r.minutes * 60_000 - at;
      };
      for (let hour = Date.UTC(2025, 0, 1); hour < Date.UTC(2027, 0, 1); hour += HOUR) {
        if (offset(hour) === offset(hour + HOUR)) continue;
        // An hour with a change in it (or at its end): its neighbours, at odd seconds.
        for (let at = hour - 3 * HOUR + 17_321; at < hour + 4 * HOUR; at += 7 * 60_000 + 13_000) {
          expect(localTime(at, zone), `${zone} ${new Date(at).toISOString()}`).toEqual(reference(at, zone));
        }
      }
    }
  });
});
