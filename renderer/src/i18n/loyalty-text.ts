import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, type Cents } from '../../../core/money';
import type { LoyaltyMessage, MessageCode } from '../../../core/rules';

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
 * A points currency after a number, in the till's language ("45 punten", "20 de puncte"); a
 * currency id the catalogue does not list is shown as HQ wrote it.
 */
function unitName(t: Translate, unit: string, count: number): string {
  return unit.includes('.') ? unit : t(`loyalty.unit.${unit}`, { count, defaultValue: unit });
}

function say(t: Translate, m: LoyaltyMessage, locale: string): string {
  const key = `loyalty.message.${m.code}`;
  const params = m.params as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(params)) {
    if (typeof v === 'number') values[name] = numberIn(locale, v);
    else if (typeof v === 'string') values[name] = name === 'until' ? dayIn(locale, v) : v;
    else if (isMoney(v)) values[name] = formatMoney(v.cents as Cents, v.currency, locale);
    else if (isMessage(v)) values[name] = say(t, v, locale);
  }
  const unit = params.unit;
  if (typeof unit === 'string') {
    const points = typeof params.points === 'number' ? params.points : 0;
    values.unit = unitName(t, unit, points);
    values.units = unit.includes('.') ? unit : t(`loyalty.units.${unit}`, { defaultValue: unit });
    if (typeof params.cap === 'number') values.capUnit = unitName(t, unit, params.cap);
  }
  if (typeof params.times === 'number' && params.times > 1 && typeof params.reward === 'string') {
    values.reward = t('loyalty.rewardTimes', { reward: params.reward, times: values.times });
  }
  const countParam = COUNT_OF[m.code];
  const count = countParam === undefined ? undefined : params[countParam];
  const text = t(key, {
    ...values,
    ...(typeof count === 'number' ? { count } : {}),
    defaultValue: '',
  });
  if (!text) throw new UnknownCode(m.code);
  return text;
}

/** One trace line or hint in the till's language, or its English text when that cannot be done. */
export function loyaltyText(t: TFunction, line: LoyaltyLine, locale: string): string {
  if (!line.message) return line.text;
  try {
    return say(t as unknown as Translate, line.message, locale) || line.text;
  } catch {
    return line.text;
  }
}

/** A points currency after a number, in the till's language ("45 punten"); unknown ids as written. */
export function loyaltyUnit(t: TFunction, unit: string, count: number): string {
  return unitName(t as unknown as Translate, unit, count);
}

/** `loyaltyText` in the language the till speaks now, following language changes. */
export function useLoyaltyText(locale: string): (line: LoyaltyLine) => string {
  const { t } = useTranslation();
  return useCallback((line: LoyaltyLine) => loyaltyText(t, line, locale), [t, locale]);
}
