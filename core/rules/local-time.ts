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

// The same instant is asked for more than once per sale (the rules' facts, the server's
// re-evaluation, the ledger's month): the last results by exact instant, bounded. Like the
// formatters, no business state: the same instant and zone always give the same answer.
const recent = new Map<string, LocalTime>();
const RECENT = 2_048;

export function localTime(atMs: number, timeZone: string): LocalTime {
  const key = `${atMs}|${timeZone}`;
  let t = recent.get(key);
  if (t === undefined) {
    t = computeLocalTime(atMs, timeZone);
    if (recent.size >= RECENT) recent.clear();
    recent.set(key, t);
  }
  return t;
}

function computeLocalTime(atMs: number, timeZone: string): LocalTime {
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
