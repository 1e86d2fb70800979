import { z } from 'zod';
import { JOURNAL_BOUNDS as B } from './bounds';
import { envelopeSchema } from './envelope';
import { businessDayField, codeField, epochMsField, idField, nameField, type Known } from './fields';
import { loyaltyEntrySchema, saleLoyaltySchema } from './sale-event';

/**
 * Points given by one member to another (Starbucks' "share with loved ones"), at a till or
 * through the admin API (then terminalId 'hq', the server's own stream). The giver's side is a
 * loyalty block like a sale's — one negative 'points' row — so the balance rule at the till
 * counts it at once; the receiver's row is folded by the server and seen after sync.
 * Row ids: core/loyalty/spend-ids.ts transferEntryId.
 */
export const pointsTransferV1Schema = z
  .looseObject({
    ...envelopeSchema.shape,
    type: z.literal('points-transfer'),
    schemaVersion: z.literal(1),
    createdAt: epochMsField,
    businessDay: businessDayField,
    fromMemberId: idField,
    toMemberId: idField,
    points: z.number().int().min(1).max(B.maxPoints),
    /** The points currency given ('points'). */
    currency: codeField,
    loyalty: saleLoyaltySchema,
    receiver: z.looseObject({
      memberId: idField,
      ledger: z.array(loyaltyEntrySchema).min(1).max(1),
    }),
    note: nameField,
    overrides: z.array(idField).max(B.maxOverrides),
  })
  .refine((t) => t.fromMemberId !== t.toMemberId, {
    message: 'a member cannot give points to themselves',
    path: ['toMemberId'],
  });
export type PointsTransferEvent = Known<z.infer<typeof pointsTransferV1Schema>>;
