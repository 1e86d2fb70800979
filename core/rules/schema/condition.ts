import { z } from 'zod';
import { CHANNELS, EVENT_TYPES } from '../model';
import {
  centsAmount,
  clockTime,
  id,
  lineMatchSchema,
  list,
  localDate,
  text,
  whole,
  type LineMatch,
} from './common';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayName = (typeof DAYS)[number];

/** The condition language. Leaves test one fact; all/any/not compose them. */
export type Condition =
  | { type: 'all'; conditions: readonly Condition[] }
  | { type: 'any'; conditions: readonly Condition[] }
  | { type: 'not'; condition: Condition }
  | { type: 'basket-total'; minCents?: number; maxCents?: number }
  | { type: 'lines'; match: LineMatch; minQuantity?: number; minAmountCents?: number }
  | { type: 'member' }
  | { type: 'member-tier'; tiers: readonly string[] }
  | { type: 'member-segment'; segments: readonly string[] }
  | { type: 'birthday'; within: 'day' | 'week' | 'month' }
  | { type: 'days-since-enrolment'; min?: number; max?: number }
  | { type: 'visits'; windowDays: number; min?: number; max?: number }
  | { type: 'spend'; windowDays: number; minCents?: number; maxCents?: number }
  | { type: 'first-purchase' }
  | { type: 'days-of-week'; days: readonly DayName[] }
  | { type: 'hours'; from: string; until: string }
  | { type: 'dates'; from?: string; until?: string }
  | { type: 'store'; stores: readonly string[] }
  | { type: 'region'; regions: readonly string[] }
  | { type: 'channel'; channels: readonly (typeof CHANNELS)[number][] }
  | { type: 'coupon'; codes?: readonly string[]; prefix?: string }
  | { type: 'event'; events: readonly (typeof EVENT_TYPES)[number][] }
  | { type: 'basket-flag'; flag: string };

const range = <S extends z.ZodRawShape>(shape: S, lo: keyof S & string, hi: keyof S & string) =>
  z
    .strictObject(shape)
    .refine(
      (c) =>
        (c as Record<string, unknown>)[lo] !== undefined || (c as Record<string, unknown>)[hi] !== undefined,
      {
        error: `must give ${lo} or ${hi}`,
      },
    );

const leaves = [
  range(
    {
      type: z.literal('basket-total'),
      minCents: centsAmount().optional(),
      maxCents: centsAmount().optional(),
    },
    'minCents',
    'maxCents',
  ),
  z.strictObject({
    type: z.literal('lines'),
    match: lineMatchSchema,
    minQuantity: whole(1).optional(),
    minAmountCents: centsAmount().optional(),
  }),
  z.strictObject({ type: z.literal('member') }),
  z.strictObject({ type: z.literal('member-tier'), tiers: list(text()) }),
  z.strictObject({ type: z.literal('member-segment'), segments: list(text()) }),
  z.strictObject({
    type: z.literal('birthday'),
    within: z.enum(['day', 'week', 'month'], { error: 'must be one of: day, week, month' }),
  }),
  range(
    { type: z.literal('days-since-enrolment'), min: whole(0).optional(), max: whole(0).optional() },
    'min',
    'max',
  ),
  z
    .strictObject({
      type: z.literal('visits'),
      windowDays: whole(1),
      min: whole(0).optional(),
      max: whole(0).optional(),
    })
    .refine((c) => c.min !== undefined || c.max !== undefined, { error: 'must give min or max' }),
  z
    .strictObject({
      type: z.literal('spend'),
      windowDays: whole(1),
      minCents: centsAmount().optional(),
      maxCents: centsAmount().optional(),
    })
    .refine((c) => c.minCents !== undefined || c.maxCents !== undefined, {
      error: 'must give minCents or maxCents',
    }),
  z.strictObject({ type: z.literal('first-purchase') }),
  z.strictObject({
    type: z.literal('days-of-week'),
    days: list(z.enum(DAYS, { error: `must be one of: ${DAYS.join(', ')}` })),
  }),
  z.strictObject({ type: z.literal('hours'), from: clockTime(), until: clockTime() }),
  range(
    { type: z.literal('dates'), from: localDate().optional(), until: localDate().optional() },
    'from',
    'until',
  ),
  z.strictObject({ type: z.literal('store'), stores: list(text()) }),
  z.strictObject({ type: z.literal('region'), regions: list(text()) }),
  z.strictObject({
    type: z.literal('channel'),
    channels: list(z.enum(CHANNELS, { error: `must be one of: ${CHANNELS.join(', ')}` })),
  }),
  z
    .strictObject({ type: z.literal('coupon'), codes: list(text()).optional(), prefix: text().optional() })
    .refine((c) => c.codes || c.prefix, { error: 'must give codes or prefix' }),
  z.strictObject({
    type: z.literal('event'),
    events: list(z.enum(EVENT_TYPES, { error: `must be one of: ${EVENT_TYPES.join(', ')}` })),
  }),
  z.strictObject({ type: z.literal('basket-flag'), flag: id() }),
] as const;

export const CONDITION_TYPES = [
  'all',
  'any',
  'not',
  'basket-total',
  'lines',
  'member',
  'member-tier',
  'member-segment',
  'birthday',
  'days-since-enrolment',
  'visits',
  'spend',
  'first-purchase',
  'days-of-week',
  'hours',
  'dates',
  'store',
  'region',
  'channel',
  'coupon',
  'event',
  'basket-flag',
] as const;

export const conditionSchema: z.ZodType<Condition> = z
  .lazy(() =>
    z.discriminatedUnion(
      'type',
      [
        z.strictObject({ type: z.literal('all'), conditions: list(conditionSchema) }),
        z.strictObject({ type: z.literal('any'), conditions: list(conditionSchema) }),
        z.strictObject({ type: z.literal('not'), condition: conditionSchema }),
        ...leaves,
      ],
      { error: `must be one of: ${CONDITION_TYPES.join(', ')}` },
    ),
  )
  .meta({
    id: 'Condition',
    description: 'A condition: a leaf test, or all/any/not over conditions',
  }) as z.ZodType<Condition>;
