import { z } from 'zod';
import { EVENT_TYPES as RULE_EVENT_TYPES } from '../rules/model';
import { JOURNAL_BOUNDS as B } from './bounds';
import { envelopeSchema } from './envelope';
import { businessDayField, codeField, epochMsField, idField, nameField, type Known } from './fields';
import { loyaltyEntrySchema } from './sale-event';

/**
 * The server's own journal stream (DESIGN.md "The ledger": corrections and jobs are new rows,
 * folded from the server's own stream). Its events have terminalId `hq` — no till can push one:
 * the push refuses an event naming another terminal, and these schemas refuse any other
 * terminalId — a gap-free seq and a hash chain of their own, exactly like a till's.
 */
export const SERVER_TERMINAL_ID = 'hq';
/** The storeId of a server event that concerns many stores (a job's batch). */
export const ALL_STORES = '*';

const serverEnvelopeShape = {
  ...envelopeSchema.shape,
  terminalId: z.literal(SERVER_TERMINAL_ID),
  schemaVersion: z.literal(1),
  /** The moment the server wrote it (a job's `at`, an action's `at`), epoch ms. */
  createdAt: epochMsField,
};

const ledgerIdField = z.string().min(1).max(B.maxLedgerIdLength);
const pointsAmount = z.number().int().min(0).max(B.maxPoints);

/** Pending ledger rows whose return window ended: now spendable. */
export const pointsPostedV1Schema = z.looseObject({
  ...serverEnvelopeShape,
  type: z.literal('points-posted'),
  entries: z
    .array(z.looseObject({ entryId: ledgerIdField, memberId: idField, amount: pointsAmount }))
    .min(1)
    .max(B.maxServerBatch),
});
export type PointsPostedEvent = Known<z.infer<typeof pointsPostedV1Schema>>;

/**
 * Lots (earning rows) whose expiry came: what was left of each after spending, first in first out,
 * expires. `amount` may be 0 (a lot spent in full is closed, so no job looks at it again).
 */
export const pointsExpiredV1Schema = z.looseObject({
  ...serverEnvelopeShape,
  type: z.literal('points-expired'),
  lots: z
    .array(z.looseObject({ entryId: ledgerIdField, memberId: idField, amount: pointsAmount }))
    .min(1)
    .max(B.maxServerBatch),
});
export type PointsExpiredEvent = Known<z.infer<typeof pointsExpiredV1Schema>>;

export const NON_PURCHASE_EVENT_TYPES = RULE_EVENT_TYPES.filter(
  (t): t is Exclude<(typeof RULE_EVENT_TYPES)[number], 'purchase'> => t !== 'purchase',
);

/**
 * A non-purchase action (a review, a referral, …) the server evaluated with the rules engine. The
 * resulting ledger rows are stored IN the event, so folding it is deterministic: a refold never
 * evaluates again. An action that earned nothing (a limit reached) is an event too: its key is
 * taken, and the trace says why.
 */
export const loyaltyActionV1Schema = z.looseObject({
  ...serverEnvelopeShape,
  type: z.literal('loyalty-action'),
  /** The member's home-store-local date of the action: the day rule limits count on. */
  businessDay: businessDayField,
  memberId: idField,
  action: z.looseObject({
    type: z.enum(NON_PURCHASE_EVENT_TYPES),
    ref: z.string().min(1).max(B.maxNameLength).nullable(),
  }),
  /** The caller's idempotency key. */
  key: z.string().min(1).max(B.maxIdempotencyKeyLength),
  ledger: z.array(loyaltyEntrySchema).max(B.maxLedgerEntries),
  trace: z
    .array(z.looseObject({ programId: idField, ruleId: idField, outcome: codeField, text: nameField }))
    .max(B.maxTraceLines),
});
export type LoyaltyActionEvent = Known<z.infer<typeof loyaltyActionV1Schema>>;

/**
 * The points of a sale without a member, claimed by a member with the receipt's claim token
 * (core/loyalty/claim-token.ts, `POST /claims`). The server evaluated the sale with the program
 * versions in force for its store at the sale's time and the member's figures; the rows are stored
 * IN the event (ids `claim:…`, derived from the sale), so a refold never evaluates again. Its id
 * derives from the claim key (the sale's terminal and id): a sale is claimed once, ever.
 */
export const pointsClaimedV1Schema = z.looseObject({
  ...serverEnvelopeShape,
  type: z.literal('points-claimed'),
  /** The sale's store-local date: the day rule limits count on, as the till's evaluation would. */
  businessDay: businessDayField,
  memberId: idField,
  /** The claimed sale: the claim key is (terminalId, saleId). */
  sale: z.looseObject({ terminalId: idField, saleId: idField, createdAt: epochMsField }),
  ledger: z.array(loyaltyEntrySchema).max(B.maxLedgerEntries),
  trace: z
    .array(z.looseObject({ programId: idField, ruleId: idField, outcome: codeField, text: nameField }))
    .max(B.maxTraceLines),
});
export type PointsClaimedEvent = Known<z.infer<typeof pointsClaimedV1Schema>>;

export type ServerEvent = PointsPostedEvent | PointsExpiredEvent | LoyaltyActionEvent | PointsClaimedEvent;
