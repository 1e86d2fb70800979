import { z } from 'zod';

/**
 * Building blocks with plain messages. Every message is written for the person editing the
 * program file; the path is prefixed by `formatIssues` ("rules[2].then[0].points: …").
 */
export const whole = (min = 0) =>
  z
    .number({ error: `must be a whole number ≥ ${min}` })
    .int({ error: `must be a whole number ≥ ${min}` })
    .min(min, { error: `must be a whole number ≥ ${min}` })
    .max(Number.MAX_SAFE_INTEGER, { error: 'is too large' });

export const centsAmount = () => whole(0);

export const text = () => z.string({ error: 'must be text' }).min(1, { error: 'must not be empty' });

export const id = () =>
  z
    .string({ error: 'must be text' })
    .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'must be lower-case letters, digits, ".", "_" or "-"' });

const twoDecimals = (n: number) => Math.abs(Math.round(n * 100) - n * 100) < 1e-9;

/** A percentage such as 10 or 12.5; the engine works in basis points. */
export const percent = () =>
  z
    .number({ error: 'must be a percentage between 0 and 100' })
    .gt(0, { error: 'must be a percentage between 0 and 100' })
    .max(100, { error: 'must be a percentage between 0 and 100' })
    .refine(twoDecimals, { error: 'must have at most 2 decimals' });

/** A multiplier such as 2 or 1.25. */
export const factor = () =>
  z
    .number({ error: 'must be a multiplier between 1 and 100' })
    .min(1, { error: 'must be a multiplier between 1 and 100' })
    .max(100, { error: 'must be a multiplier between 1 and 100' })
    .refine(twoDecimals, { error: 'must have at most 2 decimals' });

export const localDate = () =>
  z
    .string({ error: 'must be a date YYYY-MM-DD' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' });

/** A store-local date or date-time: YYYY-MM-DD or YYYY-MM-DDTHH:mm. */
export const localDateTime = () =>
  z
    .string({ error: 'must be a store-local date YYYY-MM-DD or date-time YYYY-MM-DDTHH:mm' })
    .regex(/^\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d)?$/, {
      error: 'must be a store-local date YYYY-MM-DD or date-time YYYY-MM-DDTHH:mm',
    });

export const clockTime = () =>
  z
    .string({ error: 'must be a time HH:mm' })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'must be a time HH:mm (00:00–24:00)' });

export const list = <T extends z.ZodType>(item: T) =>
  z.array(item, { error: 'must be a list' }).min(1, { error: 'must list at least one value' });

const INCLUDE_EXCLUDE = [
  ['skus', 'excludeSkus'],
  ['categories', 'excludeCategories'],
  ['brands', 'excludeBrands'],
  ['tags', 'excludeTags'],
] as const;

/**
 * Which basket lines an effect or condition is about. Every given include field must match (any of
 * its values) and no exclude field may (none of its values). Exclude fields may stand alone:
 * `{ "excludeCategories": ["tobacco"] }` is every line except tobacco.
 */
export const lineMatchSchema = z
  .strictObject({
    skus: list(text()).optional(),
    categories: list(text()).optional(),
    brands: list(text()).optional(),
    tags: list(text()).optional(),
    excludeSkus: list(text()).optional(),
    excludeCategories: list(text()).optional(),
    excludeBrands: list(text()).optional(),
    excludeTags: list(text()).optional(),
  })
  .superRefine((m, ctx) => {
    if (INCLUDE_EXCLUDE.every(([inc, exc]) => !m[inc] && !m[exc])) {
      ctx.addIssue({
        code: 'custom',
        message:
          'must name at least one of skus, categories, brands, tags or excludeSkus, excludeCategories, excludeBrands, excludeTags',
      });
      return;
    }
    // A value both included and excluded: for a sku, category or brand no line could match it;
    // for a tag it is a mistake all the same (the include says "with", the exclude "without").
    for (const [inc, exc] of INCLUDE_EXCLUDE) {
      const included = m[inc];
      m[exc]?.forEach((value, i) => {
        if (included?.includes(value)) {
          ctx.addIssue({
            code: 'custom',
            path: [exc, i],
            message: `"${value}" is also in ${inc}: a line cannot be both included and excluded`,
          });
        }
      });
    }
  });
export type LineMatch = z.infer<typeof lineMatchSchema>;

export const roundingSchema = z.enum(['down', 'half-away-from-zero', 'up'], {
  error: 'must be one of: down, half-away-from-zero, up',
});
export type Rounding = z.infer<typeof roundingSchema>;
