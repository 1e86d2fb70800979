import type { StorageTx } from '../../storage/storage';

/** A points spend and when it was made and reached the server (the stale-redemptions projection). */
export interface StaleSpend {
  eventId: string;
  terminalId: string;
  storeId: string;
  seq: number;
  type: string;
  memberId: string;
  points: number;
  businessDay: string;
  createdAt: number;
  receivedAt: number;
  /** How old the till's replica was when it sold, when the sale says so: then it is judged by that. */
  replicaAgeMs?: number;
  /** The store's offline policy `staleAfterMinutes` it was judged by. */
  limitMinutes: number;
}

export const staleRedemptionKey = (terminalId: string, eventId: string) =>
  `stale-redemption:${terminalId}:${eventId}`;

function hours(ms: number): string {
  const h = ms / 3_600_000;
  return h >= 48 ? `${Math.floor(h / 24)} days` : `${Math.floor(h)} h`;
}

/**
 * Raised once per event (its key), however often it is pushed again or refolded. The points stay
 * spent: a manager acknowledges it or resolves it `noted`; the points at stake say how much was
 * spent against a balance nobody could check in time.
 */
export async function raiseStaleRedemption(tx: StorageTx, s: StaleSpend): Promise<void> {
  const late = s.receivedAt - s.createdAt;
  const why =
    s.replicaAgeMs !== undefined
      ? `the till's replica was ${hours(s.replicaAgeMs)} old when it sold`
      : `the ${s.type} reached the server ${hours(late)} later`;
  await tx.exceptions.insert({
    kind: 'stale-redemption',
    terminalId: s.terminalId,
    storeId: s.storeId,
    eventId: s.eventId,
    seq: s.seq,
    message: `Member ${s.memberId} spent ${s.points} points offline at ${s.terminalId} (seq ${s.seq}); ${why}, past the store's ${s.limitMinutes / 60} h offline limit. The points stay spent.`,
    detail: JSON.stringify({
      memberId: s.memberId,
      points: s.points,
      createdAt: s.createdAt,
      ...(s.replicaAgeMs !== undefined
        ? { replicaAgeMs: s.replicaAgeMs }
        : { receivedAt: s.receivedAt, lateMs: late }),
      limitMinutes: s.limitMinutes,
    }),
    detectedAt: s.receivedAt,
    dedupeKey: staleRedemptionKey(s.terminalId, s.eventId),
    businessDay: s.businessDay,
    memberId: s.memberId,
    pointsAtStake: s.points,
  });
}
