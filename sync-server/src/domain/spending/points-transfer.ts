import { z } from 'zod';
import { JOURNAL_BOUNDS as B } from '../../../../core/journal/bounds';
import {
  pointsTransferV1Schema,
  type PointsTransferEvent,
} from '../../../../core/journal/points-transfer-event';
import { SERVER_TERMINAL_ID } from '../../../../core/journal/server-events';
import { SPEND_PROGRAM_ID, SPEND_PROGRAM_VERSION, transferEntryId } from '../../../../core/loyalty/spend-ids';
import { err, ok, type Result } from '../../../../core/result/result';
import { localTime } from '../../../../core/rules/local-time';
import type { MemberRecord } from '../../storage/repos/members';
import type { Storage, StorageTx } from '../../storage/storage';
import { storedDocument } from '../projections/fold-inputs';
import { DEFAULT_FOLD_CONFIG } from '../projections/default-projections';
import type { FoldConfig } from '../projections/projection';
import { appendServerEvents, type ServerEventDraft } from '../server-stream/append';
import { idFromSeed } from '../server-stream/ids';
import { lockServerStream } from '../server-stream/lock';

/** `POST /admin/members/:ref/transfer`: points from one member to another, with an idempotency key. */
export const transferRequestSchema = z.strictObject({
  /** The receiver: a member id or a card number. */
  to: z.string().min(1).max(64),
  points: z.number().int().min(1).max(B.maxPoints),
  note: z.string().min(1).max(B.maxNameLength).optional(),
  key: z.string().min(1).max(B.maxIdempotencyKeyLength),
});
export type TransferRequest = z.output<typeof transferRequestSchema>;

export interface TransferAnswer {
  eventId: string;
  fromMemberId: string;
  toMemberId: string;
  points: number;
  /** The giver's balance after the transfer (now, when replayed). */
  fromBalance: number;
  /** True when the key was used before: the first answer again, nothing written. */
  replayed: boolean;
}

export type TransferFailure =
  | 'member-unknown'
  | 'same-member'
  | 'balance-too-low'
  | 'store-unknown'
  | 'idempotency-key-reused';

/** The transfer's event id, derived from the caller's key: one transfer per key, ever. */
export const transferEventId = (key: string): string => idFromSeed(`points-transfer:${key}`);

const memberBy = async (tx: StorageTx, ref: string): Promise<MemberRecord | undefined> =>
  (await tx.members.get(ref.trim())) ?? (await tx.members.byCard(ref.trim()));

/**
 * HQ gives points of one member to another (Starbucks' "share with loved ones"): a
 * `points-transfer` event on the server's own stream (terminalId `hq`), folded into both members'
 * ledgers in the same transaction. Never more than the giver's spendable balance (pending points
 * are not given). Idempotent on the key: the same key answers the first result and writes
 * nothing; the same key for another transfer is refused.
 */
export async function transferPoints(
  storage: Storage,
  fromRef: string,
  request: TransferRequest,
  now: number,
  config: FoldConfig = DEFAULT_FOLD_CONFIG,
): Promise<Result<TransferAnswer, TransferFailure>> {
  const eventId = transferEventId(request.key);
  return storage.transaction(async (tx) => {
    await lockServerStream(tx);
    const [from, to] = [await memberBy(tx, fromRef), await memberBy(tx, request.to)];
    const [stored] = await tx.journal.byIds(SERVER_TERMINAL_ID, [eventId]);
    if (stored) {
      const first = pointsTransferV1Schema.parse(storedDocument(stored)) as PointsTransferEvent;
      const same =
        first.fromMemberId === (from?.memberId ?? fromRef) &&
        first.toMemberId === (to?.memberId ?? request.to) &&
        first.points === request.points;
      if (!same)
        return err(
          'idempotency-key-reused',
          `The key "${request.key}" was used for a transfer of ${first.points} points from ${first.fromMemberId} to ${first.toMemberId}; a key names one transfer.`,
        );
      const giver = await tx.members.get(first.fromMemberId);
      return ok(answerOf(first, giver?.balance ?? 0, true));
    }
    if (!from) return err('member-unknown', `No member has the id or card "${fromRef}".`);
    if (!to) return err('member-unknown', `No member has the id or card "${request.to}".`);
    if (from.memberId === to.memberId)
      return err('same-member', `Member ${from.memberId} cannot give points to themselves.`);
    if (request.points > from.balance)
      return err(
        'balance-too-low',
        `Member ${from.memberId} has ${from.balance} spendable points; ${request.points} cannot be given (pending points are not spendable yet).`,
      );
    const store = await tx.stores.get(from.homeStoreId);
    if (!store)
      return err('store-unknown', `Member ${from.memberId}'s home store ${from.homeStoreId} is unknown.`);
    const note = request.note ?? 'Points given by HQ';
    const row = (side: 'from' | 'to', amount: number, text: string) => ({
      id: transferEntryId(eventId, side),
      account: 'points',
      unit: 'points',
      amount,
      programId: SPEND_PROGRAM_ID,
      programVersion: SPEND_PROGRAM_VERSION,
      ruleId: 'transfer',
      text,
    });
    const draft = {
      id: eventId,
      type: 'points-transfer' as const,
      storeId: from.homeStoreId,
      createdAt: now,
      businessDay: localTime(now, store.timeZone).date,
      fromMemberId: from.memberId,
      toMemberId: to.memberId,
      points: request.points,
      currency: 'points',
      loyalty: {
        memberId: from.memberId,
        provisionalCard: null,
        programs: [],
        ledger: [
          row('from', -request.points, `Given to ${to.displayName}: ${note}`.slice(0, B.maxNameLength)),
        ],
      },
      receiver: {
        memberId: to.memberId,
        ledger: [
          row('to', request.points, `Given by ${from.displayName}: ${note}`.slice(0, B.maxNameLength)),
        ],
      },
      note,
      overrides: [],
    };
    // The server stream's append seals and validates any registered event type (points-transfer v1).
    await appendServerEvents(tx, [draft as unknown as ServerEventDraft], now, config);
    const giver = await tx.members.get(from.memberId);
    return ok(answerOf(draft as unknown as PointsTransferEvent, giver?.balance ?? 0, false));
  });
}

function answerOf(e: PointsTransferEvent, fromBalance: number, replayed: boolean): TransferAnswer {
  return {
    eventId: e.id,
    fromMemberId: e.fromMemberId,
    toMemberId: e.toMemberId,
    points: e.points,
    fromBalance,
    replayed,
  };
}
