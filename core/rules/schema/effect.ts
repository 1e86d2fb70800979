import { z } from 'zod';
import {
  centsAmount,
  factor,
  id,
  lineMatchSchema,
  list,
  percent,
  roundingSchema,
  text,
  whole,
} from './common';

/**
 * What a completed stamp card gives. `rewardId` unlocks a reward for the next visit (the default,
 * `in: "next-visit"`) or, with `in: "this-visit"`, makes the cheapest qualifying item of the basket
 * that completes the card free. `coupon` + `validDays` issues a coupon for the next visit instead.
 */
const stampRewardSchema = z
  .strictObject({
    rewardId: id().optional(),
    coupon: id().optional(),
    name: text(),
    in: z.enum(['next-visit', 'this-visit'], { error: 'must be one of: next-visit, this-visit' }).optional(),
    validDays: whole(1).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.rewardId === undefined && r.coupon === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'must give rewardId (a reward) or coupon (a coupon for the next visit)',
      });
    }
    if (r.rewardId !== undefined && r.coupon !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['coupon'],
        message: 'give rewardId or coupon, not both',
      });
    }
    if (r.coupon !== undefined && r.validDays === undefined) {
      ctx.addIssue({ code: 'custom', path: ['validDays'], message: 'is required with coupon' });
    }
    if (r.coupon === undefined && r.validDays !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['validDays'], message: 'only goes with coupon' });
    }
    if (r.coupon !== undefined && r.in === 'this-visit') {
      ctx.addIssue({
        code: 'custom',
        path: ['in'],
        message: 'a coupon is for the next visit; use rewardId for a reward in this visit',
      });
    }
  });
export type StampReward = z.infer<typeof stampRewardSchema>;

/**
 * Effects a rule can have. Points effects with `base: true` are the "base points" that
 * multipliers (weekend 2×, tier 1.25×) multiply; multipliers never compound with each other.
 */
const effects = [
  z.strictObject({
    type: z.literal('points-per-amount'),
    points: whole(0),
    perCents: whole(1),
    rounding: roundingSchema,
    on: lineMatchSchema.optional(),
    base: z.boolean({ error: 'must be true or false' }).optional(),
  }),
  z.strictObject({
    type: z.literal('points-per-item'),
    points: whole(0),
    on: lineMatchSchema,
    base: z.boolean({ error: 'must be true or false' }).optional(),
  }),
  z.strictObject({
    type: z.literal('points-fixed'),
    points: whole(0),
    base: z.boolean({ error: 'must be true or false' }).optional(),
  }),
  z.strictObject({
    type: z.literal('points-multiplier'),
    factor: factor(),
    rounding: roundingSchema.optional(),
  }),
  z.strictObject({
    type: z.literal('tier-multiplier'),
    factors: z.record(z.string(), factor(), { error: 'must map tier names to multipliers' }),
    rounding: roundingSchema.optional(),
  }),
  z.strictObject({
    type: z.literal('percent-off'),
    percent: percent(),
    on: lineMatchSchema.optional(),
    maxCents: centsAmount().optional(),
  }),
  z.strictObject({ type: z.literal('amount-off'), amountCents: whole(1), on: lineMatchSchema.optional() }),
  z.strictObject({ type: z.literal('fixed-price'), priceCents: centsAmount(), on: lineMatchSchema }),
  z.strictObject({ type: z.literal('cheapest-free'), on: lineMatchSchema, every: whole(2) }),
  z.strictObject({
    type: z.literal('buy-x-get-y'),
    on: lineMatchSchema,
    buy: whole(1),
    get: whole(1),
    percent: percent().optional(),
  }),
  z.strictObject({
    type: z.literal('bundle-price'),
    items: list(z.strictObject({ on: lineMatchSchema, quantity: whole(1) })),
    priceCents: centsAmount(),
  }),
  z.strictObject({ type: z.literal('issue-coupon'), coupon: id(), name: text(), validDays: whole(1) }),
  z.strictObject({
    type: z.literal('stamp'),
    card: id(),
    on: lineMatchSchema,
    required: whole(2),
    reward: stampRewardSchema,
  }),
  z.strictObject({
    type: z.literal('challenge'),
    challenge: id(),
    badge: text(),
    target: whole(1),
    measure: z.enum(['transactions', 'items', 'spend-cents'], {
      error: 'must be one of: transactions, items, spend-cents',
    }),
    on: lineMatchSchema.optional(),
  }),
  z.strictObject({ type: z.literal('round-up-donation'), cause: text(), toCents: whole(1) }),
  z.strictObject({ type: z.literal('points-donation'), cause: text(), points: whole(1) }),
  z.strictObject({
    type: z.literal('item-donation'),
    cause: text(),
    on: lineMatchSchema,
    perItems: whole(1),
  }),
  z.strictObject({ type: z.literal('reward-unlock'), rewardId: id(), name: text() }),
] as const;

export const EFFECT_TYPES = effects.map((e) => e.shape.type.value);

export const effectSchema = z.discriminatedUnion('type', [...effects], {
  error: `must be one of: ${EFFECT_TYPES.join(', ')}`,
});
export type Effect = z.infer<typeof effectSchema>;
export type EffectOf<T extends Effect['type']> = Extract<Effect, { type: T }>;
