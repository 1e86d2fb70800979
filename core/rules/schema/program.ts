import { z } from 'zod';
import { CHANNELS } from '../model';
import { centsAmount, id, list, localDateTime, text, whole } from './common';
import { conditionSchema } from './condition';
import { effectSchema } from './effect';
import { tierLadderSchema } from './tier-ladder';

export const PROGRAM_KINDS = [
  'points',
  'tiered',
  'stamp-card',
  'promotion',
  'referral',
  'value-based',
  'paid-membership',
  'coalition',
] as const;

export const ruleSchema = z.strictObject({
  id: id(),
  /** Read aloud by the cashier and printed on the receipt. */
  name: text(),
  when: conditionSchema.optional(),
  then: list(effectSchema),
  /** Higher runs first; discounts apply in this order against what is left of each line. */
  priority: z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).optional(),
  /** Rules sharing a group are alternatives: only the best one (most discount, then most points) applies. */
  group: id().optional(),
  /** When it applies, lower-priority rules of the same program are skipped. */
  exclusive: z.boolean({ error: 'must be true or false' }).optional(),
  limits: z
    .strictObject({
      perTransaction: whole(1).optional(),
      perMemberPerDay: whole(1).optional(),
      /** Store-local calendar year, counted from the member's per-day counters. */
      perMemberPerYear: whole(1).optional(),
      perMemberLifetime: whole(1).optional(),
    })
    .optional(),
  /** Set false to never hint "spend €x more" for this rule. */
  nearMiss: z.boolean({ error: 'must be true or false' }).optional(),
});
export type Rule = z.infer<typeof ruleSchema>;

export const programSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: id(),
    version: whole(1),
    name: text(),
    /**
     * Order between programs: higher first (default 0), before any rule priority. Programs with
     * the same priority run in program id order (code points) — a stable tie-break, not a ranking.
     */
    priority: z
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .optional(),
    kind: z.enum(PROGRAM_KINDS, { error: `must be one of: ${PROGRAM_KINDS.join(', ')}` }),
    status: z.enum(['draft', 'active', 'paused', 'retired'], {
      error: 'must be one of: draft, active, paused, retired',
    }),
    /** What the points are called on the receipt: points, stars, miles. */
    pointsCurrency: id().optional(),
    /**
     * Points earned under this program stay pending this many days — a return window — before
     * they can be spent (0 or absent: at once). The server's jobs post them when the window ends.
     */
    pendingDays: whole(0).max(365, { error: 'must be at most 365' }).optional(),
    /** Points earned under this program expire this many months after they were earned, in lots, first in first out. */
    expiresAfterMonths: whole(1).max(120, { error: 'must be at most 120' }).optional(),
    /** Store-local, inclusive from, exclusive until. */
    validity: z
      .strictObject({ from: localDateTime().optional(), until: localDateTime().optional() })
      .optional(),
    scope: z
      .strictObject({
        stores: list(text()).optional(),
        regions: list(text()).optional(),
        channels: list(z.enum(CHANNELS, { error: `must be one of: ${CHANNELS.join(', ')}` })).optional(),
      })
      .optional(),
    audience: z
      .strictObject({
        tiers: list(text()).optional(),
        segments: list(text()).optional(),
        newMembersWithinDays: whole(1).optional(),
        birthday: z.enum(['day', 'week', 'month'], { error: 'must be one of: day, week, month' }).optional(),
        optedInOnly: z.boolean({ error: 'must be true or false' }).optional(),
      })
      .optional(),
    tiers: tierLadderSchema.optional(),
    partner: z.strictObject({ id: id(), name: text() }).optional(),
    membershipFeeCents: centsAmount().optional(),
    /**
     * At most `perTransaction` bonus points (in this program's points currency) per sale, across
     * every rule of every program; base earn is never cut. Applies while the program is eligible
     * (active, valid, in scope, audience); if several eligible programs cap a currency, the lowest cap holds.
     */
    bonusCap: z.strictObject({ perTransaction: whole(0) }).optional(),
    /**
     * Whether this program's points can be spent, and at what rate: `pointsPerUnit` points pay
     * `unitCents` cents (100 and 100: 100 points = €1.00). Points are not earned on the part of a
     * sale paid with points unless `earnOnPointsPaid` is true (core/loyalty/points-rate.ts).
     */
    redemption: z
      .strictObject({
        // Bounded so points × rate stays an exact integer for any balance the journal allows.
        pointsPerUnit: whole(1).max(1_000_000, { error: 'must be at most 1000000' }),
        unitCents: whole(1).max(1_000_000, { error: 'must be at most 1000000' }),
        earnOnPointsPaid: z.boolean({ error: 'must be true or false' }).optional(),
      })
      .optional(),
    rules: list(ruleSchema),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.rules.forEach((r, i) => {
      if (seen.has(r.id)) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${r.id}"` });
      }
      seen.add(r.id);
    });
    if (p.validity?.from && p.validity.until && p.validity.until <= p.validity.from) {
      ctx.addIssue({ code: 'custom', path: ['validity', 'until'], message: 'must be after validity.from' });
    }
    const tierNames = p.tiers ? new Set(p.tiers.levels.map((l) => l.name)) : null;
    if (!tierNames) return;
    p.rules.forEach((r, i) =>
      r.then.forEach((e, j) => {
        if (e.type !== 'tier-multiplier') return;
        for (const name of Object.keys(e.factors)) {
          if (!tierNames.has(name)) {
            ctx.addIssue({
              code: 'custom',
              path: ['rules', i, 'then', j, 'factors', name],
              message: `unknown tier "${name}" (the ladder has ${[...tierNames].join(', ')})`,
            });
          }
        }
      }),
    );
  });
export type Program = z.infer<typeof programSchema>;
