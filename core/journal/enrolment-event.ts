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
export type EnrolmentEventV1 = Known<z.infer<typeof enrolmentV1Schema>>;

/**
 * v2 (what a till writes now): v1 plus `cardSource`, where the card came from — 'stock' (scanned
 * or typed from the store's stock of cards) or 'range' (a number this till issued from its own
 * block, core/loyalty/card-range.ts), which the enrolment projection checks against the till's
 * blocks. v1 → v2: 'stock', as every enrolment was before ranges.
 */
export const enrolmentV2Schema = z.looseObject({
  ...enrolmentV1Schema.shape,
  schemaVersion: z.literal(2),
  cardSource: z.enum(['stock', 'range']),
});
export type EnrolmentEvent = Known<z.infer<typeof enrolmentV2Schema>>;
export const ENROLMENT_SCHEMA_VERSION = 2;

/** Enrolment v1 → v2: every v1 card came from the store's stock (ranges did not exist). */
export function upcastEnrolmentV1toV2(v1: EnrolmentEventV1): EnrolmentEvent {
  return { ...v1, schemaVersion: 2, cardSource: 'stock' };
}
