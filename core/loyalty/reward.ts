import { z } from 'zod';
import { err, ok, type Result } from '../result/result';
import { centsAmount, id, list, localDateTime, percent, text, whole } from '../rules/schema/common';
import { formatIssues, type ProgramIssue } from '../rules/validate';

/** What redeeming a reward gives (applying it at the till is the next issue; the catalogue names it). */
export const rewardKindSchema = z.discriminatedUnion(
  'type',
  [
    /** An amount off the basket. */
    z.strictObject({ type: z.literal('basket-amount'), amountCents: whole(1) }),
    /** A percentage off the basket. */
    z.strictObject({ type: z.literal('basket-percent'), percent: percent() }),
    /** An amount or a percentage off the lines of these products. */
    z
      .strictObject({
        type: z.literal('line-discount'),
        skus: list(text().max(64)).max(100, { error: 'at most 100 products' }),
        amountCents: whole(1).optional(),
        percent: percent().optional(),
      })
      .refine((k) => (k.amountCents === undefined) !== (k.percent === undefined), {
        error: 'give amountCents or percent, one of the two',
        path: ['amountCents'],
      }),
    /** One unit of a product free. */
    z.strictObject({ type: z.literal('free-product'), sku: text().max(64) }),
    /** A voucher of this value for a later visit, valid this many days. */
    z.strictObject({
      type: z.literal('voucher'),
      amountCents: whole(1),
      validDays: whole(1).max(730, { error: 'must be at most 730' }),
    }),
    /** The points go to a cause (the shop gives `amountCents`). */
    z.strictObject({ type: z.literal('donation'), cause: text().max(80), amountCents: centsAmount() }),
  ],
  {
    error: 'must be one of: basket-amount, basket-percent, line-discount, free-product, voucher, donation',
  },
);
export type RewardKind = z.infer<typeof rewardKindSchema>;
export const REWARD_KINDS = [
  'basket-amount',
  'basket-percent',
  'line-discount',
  'free-product',
  'voucher',
  'donation',
] as const;

/**
 * A reward HQ publishes in the catalogue (a Sephora-style "what your points buy"). A published
 * version is immutable like a program version; a change is a new version.
 */
export const rewardSchema = z
  .strictObject({
    id: id().max(64, { error: 'must be at most 64 characters' }),
    version: whole(1).max(1_000_000, { error: 'must be at most 1000000' }),
    name: text().max(80, { error: 'must be at most 80 characters' }),
    description: text().max(280, { error: 'must be at most 280 characters' }).optional(),
    /** What it costs, in a points currency of the store's programs ('points' when not given). */
    cost: z.strictObject({
      points: whole(0).max(10_000_000, { error: 'must be at most 10000000' }),
      currency: id().max(32).optional(),
    }),
    kind: rewardKindSchema,
    /** Who may redeem it: any of these tiers, and any of these segments (absent: everyone). */
    eligibility: z
      .strictObject({
        tiers: list(text().max(64)).max(20).optional(),
        segments: list(text().max(64)).max(50).optional(),
      })
      .optional(),
    /** Store-local, inclusive from, exclusive until (as a program's validity). */
    validity: z
      .strictObject({ from: localDateTime().optional(), until: localDateTime().optional() })
      .optional(),
    /**
     * Only for a member whose program unlocked it (a completed stamp card's `rewardId`, a
     * `reward-unlock` effect): one per unlock, for `cost.points` (usually 0).
     */
    onlyWhenUnlocked: z.boolean({ error: 'must be true or false' }).optional(),
    /** The stores that offer it (absent: every store). */
    scope: z.strictObject({ stores: list(text().max(64)).max(500) }).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.validity?.from && r.validity.until && r.validity.until <= r.validity.from) {
      ctx.addIssue({ code: 'custom', path: ['validity', 'until'], message: 'must be after validity.from' });
    }
  });
export type Reward = z.infer<typeof rewardSchema>;

/** A reward file's mistakes, path-precise ("kind.amountCents: must be a whole number ≥ 1"). */
export function parseReward(input: unknown): Result<Reward, 'invalid-reward', ProgramIssue[]> {
  const parsed = rewardSchema.safeParse(input, { reportInput: true });
  if (parsed.success) return ok(parsed.data);
  const issues = formatIssues(parsed.error.issues).map((i) =>
    i.path === '(program)' ? { ...i, path: '(reward)' } : i,
  );
  return err('invalid-reward', issues.map((i) => `${i.path}: ${i.message}`).join('\n'), issues);
}

/**
 * A published reward version as a till replicates it (`docId` = `${rewardId}@${version}`; retiring
 * a reward marks its documents `_deleted`). `reward` is the file as published; the till parses it
 * again before it shows it.
 */
export const rewardDocSchema = z.object({
  docId: z.string().min(1).max(140),
  rewardId: z.string().min(1).max(64),
  version: z.number().int().positive(),
  reward: z.record(z.string(), z.unknown()),
  publishedAt: z.number().int().nonnegative(),
  serverSeq: z.number().int().nonnegative(),
  _deleted: z.boolean(),
});
export type RewardDoc = z.infer<typeof rewardDocSchema>;

export const rewardDocId = (rewardId: string, version: number): string => `${rewardId}@${version}`;
