import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoyaltyMessage, MessageCode } from '../../../core/rules';
import { languageFor } from './i18n';
// core/money's formatMoney builds an Intl.NumberFormat per call to find the minor digits: too slow
// for a panel of trace lines on every basket change. moneyText keeps one per currency and locale.
import { moneyText } from '../../../core/rules/money-text';

/**
 * The rules engine's trace lines and hints in the till's language: each message's code picks a
 * sentence of text/loyalty.ts and its parameters are formatted for the store (numbers, money,
 * days in its locale; names as HQ wrote them). A code this till does not know (a newer engine),
 * or parameters it cannot read, give the engine's English text: never a blank line.
 */
export interface LoyaltyLine {
  readonly text: string;
  /** Absent on lines from before messages existed. */
  readonly message?: LoyaltyMessage;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The parameter whose number picks the sentence's plural form (the others take none). */
const COUNT_OF: Partial<Record<MessageCode, string>> = {
  'stamps-added': 'stamps',
  'donation-items': 'items',
  'limit-per-day': 'times',
  'limit-per-year': 'times',
  'limit-lifetime': 'times',
  'items-for-points': 'items',
  'items-for-percent': 'items',
  'items-for-amount-off': 'items',
  'items-for-reward': 'items',
  'items-for-rule': 'items',
};

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberIn(locale: string, n: number): string {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })));
  return f.format(n);
}

/** A store-local day (YYYY-MM-DD) as the store writes it: "25 dec 2026". */
function dayIn(locale: string, day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormats.set(locale, f);
  }
  return f.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

const isMoney = (v: unknown): v is { cents: number; currency: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { cents?: unknown }).cents === 'number' &&
  typeof (v as { currency?: unknown }).currency === 'string';

const isMessage = (v: unknown): v is LoyaltyMessage =>
  typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string';

class UnknownCode extends Error {}

/**
 * Sentences already said, per `t` (react-i18next gives a new one when the language changes): a
 * panel re-renders on every basket change with mostly the same lines, and one i18next call costs
 * tens of µs. A pure memo (same key, same sentence), emptied when it grows past MEMO_MAX.
 */
const said = new WeakMap<TFunction, Map<string, string>>();
const MEMO_MAX = 2_000;

function memo(t: TFunction, key: string, make: () => string): string {
  let m = said.get(t);
  if (!m) said.set(t, (m = new Map()));
  let s = m.get(key);
  if (s === undefined) {
    s = make();
    if (m.size >= MEMO_MAX) m.clear();
    m.set(key, s);
  }
  return s;
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The plural category of `count` in the till's language for `locale` (the one `t` speaks). */
function pluralOf(locale: string, count: number): string {
  let r = pluralRules.get(locale);
  if (!r) pluralRules.set(locale, (r = new Intl.PluralRules(languageFor(locale))));
  return r.select(count);
}

/**
 * A points currency after a number, in the till's language ("45 punten", "20 de puncte"); a
 * currency id the catalogue does not list is shown as HQ wrote it. The word depends only on the
 * count's plural category, so with the store's `locale` that is what it is remembered by.
 */
export function loyaltyUnit(t: TFunction, unit: string, count: number, locale?: string): string {
  if (unit.includes('.')) return unit;
  const form = locale === undefined ? String(count) : pluralOf(locale, count);
  return memo(t, `unit\u0000${unit}\u0000${form}`, () =>
    (t as unknown as Translate)(`loyalty.unit.${unit}`, { count, defaultValue: unit }),
  );
}

function say(t: TFunction, m: LoyaltyMessage, locale: string): string {
  const tr = t as unknown as Translate;
  const params = m.params as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(params)) {
    if (typeof v === 'number') values[name] = numberIn(locale, v);
    else if (typeof v === 'string') values[name] = name === 'until' ? dayIn(locale, v) : v;
    else if (isMoney(v)) values[name] = moneyText(v.cents, v.currency, locale);
    else if (isMessage(v)) values[name] = say(t, v, locale);
  }
  const unit = params.unit;
  if (typeof unit === 'string') {
    const points = typeof params.points === 'number' ? params.points : 0;
    values.unit = loyaltyUnit(t, unit, points, locale);
    if (m.code === 'points-multiplier' || m.code === 'tier-multiplier')
      values.units = unit.includes('.') ? unit : tr(`loyalty.units.${unit}`, { defaultValue: unit });
    if (typeof params.cap === 'number') values.capUnit = loyaltyUnit(t, unit, params.cap, locale);
  }
  if (typeof params.times === 'number' && params.times > 1 && typeof params.reward === 'string') {
    values.reward = tr('loyalty.rewardTimes', { reward: params.reward, times: values.times });
  }
  const countParam = COUNT_OF[m.code];
  const count = countParam === undefined ? undefined : params[countParam];
  const text = tr(`loyalty.message.${m.code}`, {
    ...values,
    ...(typeof count === 'number' ? { count } : {}),
    defaultValue: '',
  });
  if (!text) throw new UnknownCode(m.code);
  return text;
}

/** One trace line or hint in the till's language, or its English text when that cannot be done. */
export function loyaltyText(t: TFunction, line: LoyaltyLine, locale: string): string {
  const message = line.message;
  if (!message) return line.text;
  return memo(t, `${locale}\u0000${line.text}\u0000${JSON.stringify(message)}`, () => {
    try {
      return say(t, message, locale) || line.text;
    } catch {
      return line.text;
    }
  });
}

/** `loyaltyText` in the language the till speaks now, following language changes. */
export function useLoyaltyText(locale: string): (line: LoyaltyLine) => string {
  const { t } = useTranslation();
  return useCallback((line: LoyaltyLine) => loyaltyText(t, line, locale), [t, locale]);
}
