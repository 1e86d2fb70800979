import { z } from 'zod';
import { JOURNAL_BOUNDS as B } from '../../../../core/journal/bounds';
import {
  loyaltyActionV1Schema,
  NON_PURCHASE_EVENT_TYPES,
  SERVER_TERMINAL_ID,
  type LoyaltyActionEvent,
} from '../../../../core/journal/server-events';
import { err, ok, type Result } from '../../../../core/result/result';
import { localTime } from '../../../../core/rules/local-time';
import { CHANNELS } from '../../../../core/rules/model';
import type { MemberRecord } from '../../storage/repos/members';
import type { Storage, StorageTx } from '../../storage/storage';
import { DEFAULT_FOLD_CONFIG } from '../projections/default-projections';
import type { FoldConfig } from '../projections/projection';
import { storedDocument } from '../projections/fold-inputs';
import { appendServerEvents } from './append';
import { idFromSeed } from './ids';
import { lockServerStream } from './lock';
import {
  evaluateForMember,
  memberNamedBy,
  memberNamedFields,
  memberUnknownText,
  namesOneMember,
  newestVersions,
  pointsOf,
} from './member-evaluation';

/** `POST /events`: a non-purchase action of a member, with the caller's idempotency key. */
export const loyaltyActionRequestSchema = z
  .strictObject({
    ...memberNamedFields,
    type: z.enum(NON_PURCHASE_EVENT_TYPES),
    /** What the action is about (the review's id, the referee, the event attended). */
    ref: z.string().min(1).max(B.maxNameLength).optional(),
    key: z.string().min(1).max(B.maxIdempotencyKeyLength),
    /** When it happened: ISO 8601 with a zone, or epoch ms; default now. */
    at: z
      .union([
        z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
        z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
      ])
      .optional(),
    channel: z.enum(CHANNELS).optional(),
  })
  .refine(...namesOneMember);
export type LoyaltyActionRequest = z.input<typeof loyaltyActionRequestSchema>;

export interface LoyaltyActionAnswer {
  eventId: string;
  memberId: string;
  /** Σ of the 'points' rows (any points currency). */
  points: number;
  ledger: LoyaltyActionEvent['ledger'];
  trace: LoyaltyActionEvent['trace'];
  /** True when the key was used before: this is the first answer again, and nothing was written. */
  replayed: boolean;
}

export type LoyaltyActionFailure = 'member-unknown' | 'store-unknown' | 'idempotency-key-reused';

/** The id of the action's event, derived from the caller's key: one event per key, ever. */
export const actionEventId = (key: string): string => idFromSeed(`loyalty-action:${key}`);

/**
 * A non-purchase action (review, survey, referral, event attendance, social share, newsletter
 * signup, …), evaluated by the same engine as a till's basket (DESIGN.md "Rules engine"): the
 * member's counters, the live programs in scope of the member's home store, `ctx.event =
 * {type, ref}`, the engine's limits. The rows are stored IN a `loyalty-action` event on the
 * server's own stream and folded into the ledger in the same transaction. Idempotent on the key:
 * the event id derives from it, so the same key again answers the first result and writes
 * nothing; the same key for another member or action is refused (`idempotency-key-reused`).
 */
export async function postLoyaltyAction(
  storage: Storage,
  request: z.output<typeof loyaltyActionRequestSchema>,
  now: number,
  config: FoldConfig = DEFAULT_FOLD_CONFIG,
): Promise<Result<LoyaltyActionAnswer, LoyaltyActionFailure>> {
  const eventId = actionEventId(request.key);
  return storage.transaction(async (tx) => {
    // Held until commit: no other append between the look-up of the key and the write.
    await lockServerStream(tx);
    const member = await memberNamedBy(tx, request);
    const [stored] = await tx.journal.byIds(SERVER_TERMINAL_ID, [eventId]);
    if (stored) {
      const first = loyaltyActionV1Schema.parse(storedDocument(stored)) as LoyaltyActionEvent;
      const same =
        (member?.memberId ?? request.memberId) === first.memberId &&
        first.action.type === request.type &&
        first.action.ref === (request.ref ?? null);
      if (!same) {
        return err(
          'idempotency-key-reused',
          `The key "${request.key}" was used for a ${first.action.type} of member ${first.memberId}; a key names one action.`,
        );
      }
      return ok(answerOf(first, true));
    }
    if (!member) {
      return err('member-unknown', memberUnknownText(request));
    }
    return appendLoyaltyAction(tx, member, { ...request, eventId }, now, config);
  });
}

/** An action the server itself decides on (a referral credit) as well as one posted to `POST /events`. */
export interface LoyaltyAction {
  eventId: string;
  type: LoyaltyActionEvent['action']['type'];
  ref?: string | undefined;
  key: string;
  at?: number | undefined;
  channel?: (typeof CHANNELS)[number] | undefined;
}

/**
 * Evaluates an action of a member whose key is not taken (the caller holds the server stream's
 * lock and checked) and appends it to the server's stream, in the caller's transaction.
 */
export async function appendLoyaltyAction(
  tx: StorageTx,
  member: MemberRecord,
  request: LoyaltyAction,
  now: number,
  config: FoldConfig = DEFAULT_FOLD_CONFIG,
): Promise<Result<LoyaltyActionAnswer, LoyaltyActionFailure>> {
  const store = await tx.stores.get(member.homeStoreId);
  if (!store)
    return err('store-unknown', `Member ${member.memberId}'s home store ${member.homeStoreId} is unknown.`);
  const at = request.at ?? now;
  const programs = await newestVersions(
    tx,
    // The newest live version of each program in scope of the member's home store.
    (p) => p.retiredAt === null && (p.scopeStores === null || p.scopeStores.includes(store.storeId)),
  );
  const { ledger, trace } = evaluateForMember(
    programs,
    { id: request.eventId, currency: store.currency, lines: [] },
    member,
    {
      at,
      storeId: store.storeId,
      channel: request.channel ?? 'online',
      timeZone: store.timeZone,
      transactionId: request.eventId,
      event: { type: request.type, ...(request.ref !== undefined ? { ref: request.ref } : {}) },
    },
  );
  const draft = {
    id: request.eventId,
    type: 'loyalty-action' as const,
    // The event concerns one member: it lives in their home store (whose programs it ran).
    storeId: member.homeStoreId,
    createdAt: at,
    businessDay: localTime(at, store.timeZone).date,
    memberId: member.memberId,
    action: { type: request.type, ref: request.ref ?? null },
    key: request.key,
    ledger,
    trace,
  };
  const { appended } = await appendServerEvents(tx, [draft], now, config);
  return ok(answerOf((appended[0] as { event: LoyaltyActionEvent }).event, false));
}

function answerOf(e: LoyaltyActionEvent, replayed: boolean): LoyaltyActionAnswer {
  return {
    eventId: e.id,
    memberId: e.memberId,
    points: pointsOf(e.ledger),
    ledger: e.ledger,
    trace: e.trace,
    replayed,
  };
}
