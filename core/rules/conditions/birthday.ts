import { dayNumber, isLeapYear, type LocalTime } from '../local-time';

/** Month and day of a birthday given as YYYY-MM-DD or MM-DD. */
export function birthdayParts(birthday: string): { month: number; day: number } | null {
  const m = /^(?:\d{4}-)?(\d{2})-(\d{2})$/.exec(birthday);
  if (!m) return null;
  return { month: Number(m[1]), day: Number(m[2]) };
}

/** A 29 February birthday is celebrated on 28 February in other years. */
function birthdayDayNumber(year: number, month: number, day: number): number {
  const d = month === 2 && day === 29 && !isLeapYear(year) ? 28 : day;
  return dayNumber(year, month, d);
}

const mondayOf = (dayNo: number) => dayNo - ((dayNo + 3) % 7); // 1970-01-01 was a Thursday

export function isBirthdayWithin(
  birthday: string,
  within: 'day' | 'week' | 'month',
  today: LocalTime,
): boolean {
  const b = birthdayParts(birthday);
  if (!b) return false;
  if (within === 'month') return b.month === today.month;
  const todayNo = dayNumber(today.year, today.month, today.day);
  if (within === 'day') return birthdayDayNumber(today.year, b.month, b.day) === todayNo;
  // week: the Monday–Sunday week that holds the birthday (which may straddle New Year).
  const monday = mondayOf(todayNo);
  for (const year of [today.year - 1, today.year, today.year + 1]) {
    const bd = birthdayDayNumber(year, b.month, b.day);
    if (bd >= monday && bd <= monday + 6) return true;
  }
  return false;
}
