import { z } from 'zod';

/**
 * A member account as a till replicates it: what the cashier may see (a masked name, never the
 * full name, address or phone number), what the rules engine needs (tier, segments, birthday,
 * enrolment, the folded counters), and the server's figures for the balance rule (DESIGN.md
 * "Balance shown at the till"): shown balance = `balance` + Σ points of this till's own local
 * events with seq > `appliedThrough[thisTerminal]`.
 */
/** Months of earned points a member document keeps: this calendar year and the whole last one. */
export const EARNED_MONTHS = 24;

export const memberCountersSchema = z.object({
  /** Completed purchases. */
  purchaseCount: z.number().int().nonnegative(),
  /** Recent visits (newest last), enough for the longest visit/spend window in use. */
  visits: z.array(z.object({ at: z.number().int(), spendCents: z.number().int() })).max(400),
  /** Rule usage keyed by `${programId}/${ruleId}` (core/rules counterKey). */
  rules: z.record(
    z.string(),
    z.object({
      lifetime: z.number().int().nonnegative(),
      byDay: z.record(z.string(), z.number().int()).optional(),
    }),
  ),
  /** Stamps held per stamp card id, progress per challenge id, badges earned. */
  stamps: z.record(z.string(), z.number().int()),
  challenges: z.record(z.string(), z.number().int()),
  badges: z.array(z.string()).max(500),
  /**
   * Rewards the member's programs unlocked (a completed stamp card's `rewardId`, a `reward-unlock`
   * effect), per reward id, as many as are held: redeemed at the till (the next issue).
   */
  rewards: z.record(z.string().max(64), z.number().int()).optional(),
  /**
   * Points EARNED per points currency per month ('YYYY-MM' in the member's home store's zone), the
   * newest EARNED_MONTHS months: what a points tier ladder qualifies on (the server's tier job counts
   * the same rows; never the spendable balance). Absent while the server does not know the
   * member's history by month (an account folded before this figure existed, until a refold).
   */
  earnedByMonth: z
    .record(
      z.string().min(1).max(32),
      z
        .record(z.string().regex(/^\d{4}-\d{2}$/), z.number().int().nonnegative())
        .refine((m) => Object.keys(m).length <= EARNED_MONTHS, `at most ${EARNED_MONTHS} months`),
    )
    .refine((u) => Object.keys(u).length <= 20, 'at most 20 points currencies')
    .optional(),
});
export type MemberCounters = z.infer<typeof memberCountersSchema>;

export const memberDocSchema = z.object({
  memberId: z.string().min(1).max(64),
  /** Card numbers (plastic card, key fob, app) as the scanner reads them. */
  cards: z.array(z.string().min(1).max(64)).max(20),
  /** SHA-256 hex of the phone number in E.164 (core/loyalty/phone.ts): found by a typed number, never shown. */
  phoneHash: z.string().nullable(),
  /** "J. de V…" — masked on the server; the till never holds the full name. */
  displayName: z.string().max(80),
  /** Last three digits of the phone, for the cashier to confirm ("…123"). */
  phoneLast3: z.string().max(3).nullable(),
  tier: z.string().max(64).nullable(),
  segments: z.array(z.string().max(64)).max(100),
  /** MM-DD (the year is not needed at the till). */
  birthday: z.string().nullable(),
  enrolledAt: z.number().int().nonnegative(),
  optedIn: z.boolean(),
  /** Spendable points, folded by the server. */
  balance: z.number().int(),
  /** Earned but still in a return window. */
  pendingPoints: z.number().int(),
  lifetimeEarned: z.number().int(),
  /** Per terminal, the highest seq of its events folded into `balance`. */
  appliedThrough: z.record(z.string(), z.number().int().nonnegative()),
  counters: memberCountersSchema,
  serverSeq: z.number().int().nonnegative(),
  _deleted: z.boolean(),
});
export type MemberDoc = z.infer<typeof memberDocSchema>;
