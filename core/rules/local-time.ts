/**
 * Store-local calendar facts of a moment, via Intl with the store's time zone, so DST shifts
 * (Europe/Amsterdam, Europe/Bucharest…) are handled by the platform's tz database, not by us.
 */
export interface LocalTime {
  /** YYYY-MM-DD */
  readonly date: string;
  /** YYYY-MM-DDTHH:mm */
  readonly dateTime: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** 0 = Monday … 6 = Sunday */
  readonly weekday: number;
  /** Minutes since local midnight. */
  readonly minutes: number;
}

// Constructing an Intl.DateTimeFormat costs tens of microseconds; one per zone is reused.
// This memo holds no business state: the same zone always yields an equivalent formatter.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
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
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const pad = (n: number) => String(n).padStart(2, '0');

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
// Since 1980 every zone's offset is a whole number of minutes (Africa/Monrovia, the last with
// seconds, dropped them in 1972) and its changes fall on whole minutes; so an hour whose first and
// last minute have the same offset has it throughout, and the wall clock is plain arithmetic.
// Intl's formatToParts (microseconds a call, the fold's largest cost per sale) runs twice an hour
// per zone. Like the formatters, this memo holds no business state.
const FAST_FROM = Date.UTC(1980, 0, 1);
const hourOffsets = new Map<string, number | null>();

export function localTime(atMs: number, timeZone: string): LocalTime {
  if (atMs >= FAST_FROM) {
    const offset = hourOffset(Math.floor(atMs / HOUR_MS), timeZone);
    if (offset !== null) return fromWallClock(atMs + offset);
  }
  return formatted(atMs, timeZone);
}

/** The zone's offset (ms) throughout this hour since the epoch; null when it changes within it. */
function hourOffset(hour: number, timeZone: string): number | null {
  const key = `${hour}|${timeZone}`;
  let offset = hourOffsets.get(key);
  if (offset === undefined) {
    const first = offsetAt(hour * HOUR_MS, timeZone);
    offset = first === offsetAt((hour + 1) * HOUR_MS - MINUTE_MS, timeZone) ? first : null;
    if (hourOffsets.size >= 4_096) hourOffsets.clear();
    hourOffsets.set(key, offset);
  }
  return offset;
}

/** Wall clock minus the instant, at a whole minute. */
function offsetAt(minuteMs: number, timeZone: string): number {
  const l = formatted(minuteMs, timeZone);
  return Date.UTC(l.year, l.month - 1, l.day) + l.minutes * MINUTE_MS - minuteMs;
}

/** The calendar facts of a wall-clock time written as if it were UTC. */
function fromWallClock(wallMs: number): LocalTime {
  const d = new Date(wallMs);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const hour = d.getUTCHours();
  const minute = d.getUTCMinutes();
  const date = `${year}-${pad(month)}-${pad(day)}`;
  return {
    date,
    dateTime: `${date}T${pad(hour)}:${pad(minute)}`,
    year,
    month,
    day,
    weekday: (d.getUTCDay() + 6) % 7,
    minutes: hour * 60 + minute,
  };
}

/** Through Intl: right for every instant and zone, and slow. */
function formatted(atMs: number, timeZone: string): LocalTime {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let weekday = 0;
  for (const part of formatterFor(timeZone).formatToParts(atMs)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value) % 24;
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'weekday':
        weekday = WEEKDAYS[part.value] ?? 0;
        break;
    }
  }
  const date = `${year}-${pad(month)}-${pad(day)}`;
  return {
    date,
    dateTime: `${date}T${pad(hour)}:${pad(minute)}`,
    year,
    month,
    day,
    weekday,
    minutes: hour * 60 + minute,
  };
}

/** Days since 1970-01-01 of a calendar date (no time zone involved: plain calendar arithmetic). */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

export function dayNumberOf(date: string): number {
  return dayNumber(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MINUTE = 60_000;

/**
 * The first instant at which the store's wall clock shows `dateTime` (YYYY-MM-DD or
 * YYYY-MM-DDTHH:mm) or later. A time skipped in spring maps to the jump (02:30 → 03:00 CEST);
 * a time repeated in autumn maps to its first occurrence — so a window never reopens.
 */
export function instantOfLocal(dateTime: string, timeZone: string): number {
  const target = dateTime.length === 10 ? `${dateTime}T00:00` : dateTime;
  const naive = Date.UTC(
    Number(target.slice(0, 4)),
    Number(target.slice(5, 7)) - 1,
    Number(target.slice(8, 10)),
    Number(target.slice(11, 13)),
    Number(target.slice(14, 16)),
  );
  const reached = (t: number) => localTime(t, timeZone).dateTime >= target;
  // Zone offsets lie within ±14 h: step in quarter hours (transitions fall on them) to the first
  // instant that reaches the target, then narrow to the minute.
  const step = 15 * MINUTE;
  let lo = naive - 15 * 60 * MINUTE;
  while (reached(lo + step) === false) lo += step;
  let hi = lo + step;
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / (2 * MINUTE)) * MINUTE;
    if (reached(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
