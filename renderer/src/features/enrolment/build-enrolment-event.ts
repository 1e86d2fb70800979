import {
  ENROLMENT_SCHEMA_VERSION,
  enrolmentV2Schema,
  sealEvent,
  type EnrolmentEvent,
  type UnsignedEvent,
} from '../../../../core/journal';
import { maskName } from '../../../../core/loyalty/mask-name';
import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import { businessDayOf, type StoreSettings } from '../../../../core/store/store-settings';
import type { ValidEnrolment } from './enrolment-form';

export interface EnrolmentContext {
  /** The event's id and the new member's id: two ULIDs made on the till (core/ids). */
  id: string;
  memberId: string;
  terminalId: string;
  store: Pick<StoreSettings, 'storeId' | 'timeZone'>;
  seq: number;
  prevHash: string;
  nowMs: number;
  /** The version of the consent text the member was shown (the till's language). */
  consentTextVersion: string;
}

/**
 * The one `enrolment` journal event (v2, core/journal/enrolment-event.ts) of a member enrolled at
 * this till, sealed into the terminal's hash chain and parsed with the shared schema before it is
 * written. Only the phone's hash and last three digits go in it.
 */
export function buildEnrolmentEvent(e: ValidEnrolment, ctx: EnrolmentContext): EnrolmentEvent {
  const unsigned: UnsignedEvent<EnrolmentEvent> = {
    id: ctx.id,
    type: 'enrolment',
    terminalId: ctx.terminalId,
    storeId: ctx.store.storeId,
    seq: ctx.seq,
    prevHash: ctx.prevHash,
    createdAt: ctx.nowMs,
    businessDay: businessDayOf(ctx.nowMs, ctx.store.timeZone),
    schemaVersion: ENROLMENT_SCHEMA_VERSION,
    memberId: ctx.memberId,
    card: e.card,
    cardSource: e.cardSource,
    fullName: e.fullName,
    email: e.email,
    phoneHash: e.phone?.hash ?? null,
    phoneLast3: e.phone?.last3 ?? null,
    consent: { marketing: e.marketing, dataProcessing: true, textVersion: ctx.consentTextVersion },
    referralCode: e.referralCode,
  };
  return enrolmentV2Schema.parse(sealEvent<EnrolmentEvent>(unsigned)) as EnrolmentEvent;
}

/** The server's masking rule (core/loyalty/mask-name.ts), so the panel reads the same before and after the replica has the member. */
export const maskedName = maskName;

/**
 * The new member as the till shows them until the replica has the server's document: masked,
 * no history, balance 0. The balance rule adds this till's sales for them (appliedThrough is
 * empty, so every local event counts) — the member earns on this very sale.
 */
export function memberDocOfEnrolment(event: EnrolmentEvent): MemberDoc {
  return {
    memberId: event.memberId,
    cards: [event.card],
    phoneHash: event.phoneHash,
    displayName: maskedName(event.fullName),
    phoneLast3: event.phoneLast3,
    tier: null,
    segments: [],
    birthday: null,
    enrolledAt: event.createdAt,
    optedIn: event.consent.marketing,
    balance: 0,
    pendingPoints: 0,
    lifetimeEarned: 0,
    appliedThrough: {},
    counters: { purchaseCount: 0, visits: [], rules: {}, stamps: {}, challenges: {}, badges: [] },
    serverSeq: 0,
    _deleted: false,
  };
}
