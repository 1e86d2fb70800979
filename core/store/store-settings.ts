import { z } from 'zod';
import { currencyField, idField, nameField } from '../journal/fields';
import { storePolicyShape } from './store-policy';

export const variableMeasureLayoutSchema = z.object({
  prefix: z.string().regex(/^2\d$/, 'must be a GS1 in-store prefix 20–29'),
  measure: z.enum(['weight', 'price']),
  itemDigits: z.number().int().min(3).max(6),
});

/** What a terminal needs to know about its store; served to the terminal at pairing and on request. */
export const storeSettingsSchema = z.object({
  /** Bounded as the sale that names it is: a store a sale could not name is refused at import. */
  storeId: idField,
  name: nameField.min(1),
  currency: currencyField,
  timeZone: z.string().min(1),
  locale: z.string().min(2),
  variableMeasure: z.array(variableMeasureLayoutSchema),
  /** Spending offline, line limits and the managers who can override them (store-policy.ts). */
  ...storePolicyShape,
});
export type StoreSettings = z.infer<typeof storeSettingsSchema>;

/** One formatter per time zone: building an Intl.DateTimeFormat costs ~50× a format() call. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The store-local calendar date of a moment: the sale's business day. */
export function businessDayOf(atMs: number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    // en-CA formats as YYYY-MM-DD. An unknown zone throws here, so only real zones are kept.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    // Zone names are case-insensitive, so spellings are unbounded: keep the cache small.
    if (dayFormats.size >= 64) dayFormats.clear();
    dayFormats.set(timeZone, format);
  }
  return format.format(atMs);
}
