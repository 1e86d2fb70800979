/**
 * The back office's text helpers: `t()` for keys built at run time (an exception kind, a resolution
 * code, a report or column name the server sends) falls back to what the server said when the
 * catalogue has no such key, and money/points/time formatted in the language shown.
 */
import type { Say } from './use-text';
import { formatMoney, type Cents, type CurrencyCode } from '../../../core/money';

export function tDynamic(t: Say, key: string, fallback: string): string {
  const loose = t as unknown as (k: string, o: { defaultValue: string }) => string;
  return loose(key, { defaultValue: fallback });
}

const LOCALES: Record<string, string> = { en: 'en-GB', nl: 'nl-NL', ro: 'ro-RO' };

export function localeOf(language: string): string {
  return LOCALES[language] ?? 'en-GB';
}

export function money(cents: number, currency: string | null | undefined, language: string): string {
  return formatMoney(cents as Cents, (currency ?? 'EUR') as CurrencyCode, localeOf(language));
}

export function dateTime(ms: number | null | undefined, language: string): string {
  if (ms === null || ms === undefined) return '—';
  return new Date(ms).toLocaleString(localeOf(language));
}

/** "2 h 5 min" / "3 min" / "40 s": how long something has been open. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d`;
}

/** Today in a time zone, YYYY-MM-DD. */
export function todayIn(timeZone: string, now = Date.now()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now);
  } catch {
    return new Date(now).toISOString().slice(0, 10);
  }
}
