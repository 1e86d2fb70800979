import { z } from 'zod';
import { envelopeSchema } from './envelope';
import {
  businessDayField,
  codeField,
  epochMsField,
  nameField,
  sha256HexField,
  ulidField,
  type Known,
} from './fields';

/**
 * A member enrolled at the till, online or offline (issue 8): the member id is a ULID made on the
 * till, so the new member can earn on the very sale that follows. The till hashes the phone
 * number (core/loyalty/phone.ts) — the journal never holds it; the name and e-mail stay on the
 * server (the member read model is masked).
 */
export const enrolmentV1Schema = z.looseObject({
  ...envelopeSchema.shape,
  type: z.literal('enrolment'),
  schemaVersion: z.literal(1),
  createdAt: epochMsField,
  businessDay: businessDayField,
  memberId: ulidField,
  /** The card handed over: from the store's stock, or a number from this till's range. */
  card: codeField,
  /**
   * Where the card came from (core/loyalty/card-range.ts). Optional and additive within v1: an
   * enrolment without it is a stock card, as every enrolment before ranges was, so no upcaster is
   * needed; the server checks a 'range' number against the till's blocks.
   */
  cardSource: z.enum(['stock', 'range']).optional(),
  fullName: nameField.min(1),
  email: z.string().max(200).nullable(),
  phoneHash: sha256HexField.nullable(),
  phoneLast3: z
    .string()
    .regex(/^\d{3}$/)
    .nullable(),
  /** Consent asked separately, with the version of the text the member was shown. */
  consent: z.looseObject({
    marketing: z.boolean(),
    dataProcessing: z.literal(true),
    textVersion: z.string().min(1).max(64),
  }),
  referralCode: z.string().max(64).nullable(),
});
export type EnrolmentEvent = Known<z.infer<typeof enrolmentV1Schema>>;
