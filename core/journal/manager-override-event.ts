import { z } from 'zod';
import { JOURNAL_BOUNDS as B } from './bounds';
import { envelopeSchema } from './envelope';
import { businessDayField, centsField, epochMsField, idField, nameField, type Known } from './fields';

/**
 * What a manager can allow above a limit at the till (issue 9, the offline policy): redeeming
 * above an offline cap, a line above a sanity limit, a return the policy would refuse.
 */
export const OVERRIDE_ACTIONS = [
  'redeem-over-cap',
  'gift-card-over-cap',
  'line-over-limit',
  'return-over-policy',
] as const;
export type OverrideAction = (typeof OVERRIDE_ACTIONS)[number];

/**
 * A manager allowed something above a limit: who (the manager, verified by PIN at the till),
 * why, and exactly what. Written to the journal when the manager says yes, before the sale or
 * return it allows, which names it in `overrides`; the server raises `override-used` for each.
 */
export const managerOverrideV1Schema = z.looseObject({
  ...envelopeSchema.shape,
  type: z.literal('manager-override'),
  schemaVersion: z.literal(1),
  createdAt: epochMsField,
  businessDay: businessDayField,
  managerId: idField,
  managerName: nameField,
  action: z.enum(OVERRIDE_ACTIONS),
  /** Why, in the manager's words. */
  reason: z.string().min(1).max(B.maxReasonLength),
  allowed: z.looseObject({
    /** The sale (the open basket's id) or return it allows. */
    eventId: idField,
    memberId: idField.nullable(),
    /** The till's words for what was allowed ("redeem 3,000 points; the offline cap is 2,000"). */
    description: nameField,
    /** What was asked and the limit it went over, in the limit's unit (points, cents, units, grams). */
    requested: centsField,
    limit: centsField,
    unit: z.enum(['points', 'cents', 'units', 'grams']),
  }),
});
export type ManagerOverrideEvent = Known<z.infer<typeof managerOverrideV1Schema>>;
