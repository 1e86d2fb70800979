import { z } from 'zod';
import { JOURNAL_BOUNDS as B } from './bounds';
import { envelopeSchema } from './envelope';
import { businessDayField, centsField, epochMsField, idField, nameField, type Known } from './fields';
import { loyaltyEntrySchema } from './sale-event';
import { SERVER_TERMINAL_ID } from './server-events';

/*
 * A manager's action on an exception (issue 10), on the server's own stream (terminalId `hq`): who,
 * when, why (a note is required) and what it changed. "Acknowledge" changes nothing but the
 * exception's status; "resolve" closes it with a typed resolution and may carry ledger rows (an
 * overdraft written off, the server's result applied after rule drift), a cost booked to the chain
 * or a store (a coupon used twice), or a range of seqs a manager confirmed as lost. The ledger
 * projection folds the rows like a loyalty action's, so balance = Σ ledger stays true and every
 * change of a balance has its audit entry. Its id derives from the exception and the action, so the
 * same click twice writes one event.
 */

const serverEnvelopeShape = {
  ...envelopeSchema.shape,
  terminalId: z.literal(SERVER_TERMINAL_ID),
  schemaVersion: z.literal(1),
  createdAt: epochMsField,
};

export const ADJUSTMENT_ACTIONS = ['acknowledge', 'resolve'] as const;
export type AdjustmentAction = (typeof ADJUSTMENT_ACTIONS)[number];

/** Who acted: a back-office user (or `admin` for the admin token), with the role they acted in. */
export const actorSchema = z.looseObject({
  userId: idField,
  name: nameField,
  role: z.enum(['hq-admin', 'store-manager', 'admin-token']),
});
export type Actor = Known<z.infer<typeof actorSchema>>;

export const adjustmentV1Schema = z.looseObject({
  ...serverEnvelopeShape,
  type: z.literal('adjustment'),
  /** The store whose exception it is (a store manager's scope). */
  businessDay: businessDayField,
  exceptionId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  exceptionKind: z.string().min(1).max(B.maxTypeLength),
  action: z.enum(ADJUSTMENT_ACTIONS),
  /** The typed resolution (`write-off`, `claw-back`, `honour`, `mark-lost`, …); null when acknowledging. */
  resolution: z.string().min(1).max(B.maxTypeLength).nullable(),
  note: z.string().trim().min(1).max(B.maxReasonLength),
  by: actorSchema,
  memberId: idField.nullable(),
  /** Rows for the member's ledger (program `kassa-adjust`), folded like a loyalty action's. */
  ledger: z.array(loyaltyEntrySchema).max(B.maxLedgerEntries),
  /** Money a resolution books: to the chain's programs or to the store. */
  cost: z.looseObject({ cents: centsField, bearer: z.enum(['chain', 'store']) }).nullable(),
  /** Seqs of a till a manager confirmed as lost (seq gap → mark as lost). */
  lostSeqs: z
    .looseObject({
      terminalId: idField,
      from: z.number().int().min(1).max(B.maxSeq),
      to: z.number().int().min(1).max(B.maxSeq),
    })
    .nullable(),
});
export type AdjustmentEvent = Known<z.infer<typeof adjustmentV1Schema>>;
