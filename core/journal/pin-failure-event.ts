import { z } from 'zod';
import { envelopeSchema } from './envelope';
import { businessDayField, epochMsField, idField, nameField, type Known } from './fields';

/*
 * A wrong manager PIN typed at a till (issue 11, scenario 19), and whether it locked that manager
 * out on this till (core/loyalty/pin-lockout.ts). The lockout itself is the till's, offline; this
 * event is the audit record HQ sees, synced with the journal like any other fact. It never
 * carries the PIN, nor its hash: only who was tried, where, how often and what came of it.
 */

/** Where the PIN was typed: a manager's override of a limit, or opening manager mode. */
export const PIN_DIALOGS = ['override', 'manager-mode'] as const;
export type PinDialog = (typeof PIN_DIALOGS)[number];

const triesField = z.number().int().min(1).max(1_000);

export const pinFailureV1Schema = z.looseObject({
  ...envelopeSchema.shape,
  type: z.literal('pin-failure'),
  schemaVersion: z.literal(1),
  createdAt: epochMsField,
  businessDay: businessDayField,
  managerId: idField,
  managerName: nameField,
  dialog: z.enum(PIN_DIALOGS),
  /** Wrong PINs in a row for this manager at this till, this one included. */
  failures: triesField,
  /** The till's limit: the failure that reaches it locks. */
  maxTries: triesField,
  locked: z.boolean(),
  /** When the lock ends (null unless `locked`). */
  lockedUntil: epochMsField.nullable(),
});
export type PinFailureEvent = Known<z.infer<typeof pinFailureV1Schema>>;
