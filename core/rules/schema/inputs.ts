import { z } from 'zod';
import { CHANNELS, EVENT_TYPES } from '../model';
import { text, whole } from './common';

/** Edge schemas for baskets and members arriving as JSON (CLI, server API). Moments: epoch ms or ISO. */
const moment = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), { error: 'must be an ISO date-time' })
    .transform((s) => Date.parse(s)),
]);

export const basketLineSchema = z.strictObject({
  lineId: text(),
  sku: text(),
  category: z.string(),
  brand: z.string(),
  tags: z.array(z.string()),
  quantity: whole(1),
  unitPriceCents: whole(0),
  amountCents: whole(0),
});

export const basketSchema = z.strictObject({
  id: text(),
  currency: z.string().length(3, { error: 'must be a 3-letter currency code' }),
  lines: z.array(basketLineSchema),
  coupons: z.array(text()).optional(),
  flags: z.array(text()).optional(),
  pointsPaidCents: whole(0).optional(),
});

export const memberSchema = z.strictObject({
  id: text(),
  tier: text().optional(),
  segments: z.array(text()),
  birthday: z
    .string()
    .regex(/^(\d{4}-)?\d{2}-\d{2}$/, { error: 'must be YYYY-MM-DD or MM-DD' })
    .optional(),
  enrolledAt: moment,
  optedIn: z.boolean(),
  purchaseCount: whole(0),
  visits: z.array(z.strictObject({ at: moment, spendCents: whole(0) })),
  counters: z.record(
    z.string(),
    z.strictObject({ lifetime: whole(0), byDay: z.record(z.string(), whole(0)).optional() }),
  ),
  stamps: z.record(z.string(), whole(0)).optional(),
  challenges: z.record(z.string(), whole(0)).optional(),
});

export const eventSchema = z.strictObject({
  type: z.enum(EVENT_TYPES, { error: `must be one of: ${EVENT_TYPES.join(', ')}` }),
  ref: z.string().optional(),
});

export const channelSchema = z.enum(CHANNELS, { error: `must be one of: ${CHANNELS.join(', ')}` });
