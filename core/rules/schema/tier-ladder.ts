import { z } from 'zod';
import { list, text, whole } from './common';

/** Qualification on points or spend EARNED in a window — never on the spendable balance. */
export const tierLadderSchema = z
  .strictObject({
    basis: z.enum(['points', 'spend-cents'], { error: 'must be one of: points, spend-cents' }),
    window: z.discriminatedUnion(
      'type',
      [
        z.strictObject({ type: z.literal('rolling'), days: whole(1) }),
        z.strictObject({ type: z.literal('calendar-year') }),
      ],
      { error: 'must be one of: rolling, calendar-year' },
    ),
    levels: list(z.strictObject({ name: text(), threshold: whole(0) })),
  })
  .superRefine((ladder, ctx) => {
    ladder.levels.forEach((level, i) => {
      const prev = ladder.levels[i - 1];
      if (i === 0 && level.threshold !== 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', 0, 'threshold'],
          message: 'the first level must start at 0',
        });
      }
      if (prev && level.threshold <= prev.threshold) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', i, 'threshold'],
          message: `must be greater than the previous level's threshold (${prev.threshold})`,
        });
      }
    });
  });
export type TierLadder = z.infer<typeof tierLadderSchema>;
