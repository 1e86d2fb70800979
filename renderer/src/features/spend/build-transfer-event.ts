import {
  pointsTransferV1Schema,
  sealEvent,
  type PointsTransferEvent,
  type UnsignedEvent,
} from '../../../../core/journal';
import { SPEND_PROGRAM_ID, SPEND_PROGRAM_VERSION, transferEntryId } from '../../../../core/loyalty/spend-ids';
import { businessDayOf, type StoreSettings } from '../../../../core/store/store-settings';

export interface TransferContext {
  id: string;
  terminalId: string;
  store: StoreSettings;
  seq: number;
  prevHash: string;
  nowMs: number;
}

/**
 * One `points-transfer` v1 event: the giver's negative 'points' row in `loyalty` (so the balance
 * rule at this till counts it at once), the receiver's positive row in `receiver` (folded by the
 * server, seen after sync), ids transferEntryId(id, 'from' | 'to'). Parsed before it is written.
 */
export function buildTransferEvent(
  q: { fromMemberId: string; toMemberId: string; points: number; note: string; overrides: readonly string[] },
  ctx: TransferContext,
): PointsTransferEvent {
  const row = (side: 'from' | 'to', amount: number) => ({
    id: transferEntryId(ctx.id, side),
    account: 'points',
    unit: 'points',
    amount,
    programId: SPEND_PROGRAM_ID,
    programVersion: SPEND_PROGRAM_VERSION,
    ruleId: 'points-transfer',
    text: q.note,
  });
  const unsigned: UnsignedEvent<PointsTransferEvent> = {
    id: ctx.id,
    type: 'points-transfer',
    schemaVersion: 1,
    terminalId: ctx.terminalId,
    storeId: ctx.store.storeId,
    seq: ctx.seq,
    prevHash: ctx.prevHash,
    createdAt: ctx.nowMs,
    businessDay: businessDayOf(ctx.nowMs, ctx.store.timeZone),
    fromMemberId: q.fromMemberId,
    toMemberId: q.toMemberId,
    points: q.points,
    currency: 'points',
    loyalty: {
      memberId: q.fromMemberId,
      provisionalCard: null,
      programs: [],
      ledger: [row('from', -q.points)],
    },
    receiver: { memberId: q.toMemberId, ledger: [row('to', q.points)] },
    note: q.note,
    overrides: [...q.overrides],
  };
  return pointsTransferV1Schema.parse(sealEvent<PointsTransferEvent>(unsigned)) as PointsTransferEvent;
}
