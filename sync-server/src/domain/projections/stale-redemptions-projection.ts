import type { JournalEvent } from '../../../../core/journal/sale-event';
import { SPEND_PROGRAM_ID } from '../../../../core/loyalty/spend-ids';
import { offlinePolicyOf, type OfflinePolicy } from '../../../../core/store/store-policy';
import type { StorageTx } from '../../storage/storage';
import { raiseStaleRedemption, type StaleSpend } from '../exceptions/stale-redemption';
import type { FoldInput, Projection } from './projection';

/** What an event spent from a member's points (rewards and points tenders, a transfer's giving side). */
function spendOf(e: JournalEvent): { memberId: string; points: number; businessDay: string } | undefined {
  if (e.type === 'sale') {
    if (!e.loyalty?.memberId) return undefined;
    const points = e.loyalty.ledger
      .filter((r) => r.amount < 0 && r.programId === SPEND_PROGRAM_ID)
      .reduce((n, r) => n - r.amount, 0);
    return points > 0 ? { memberId: e.loyalty.memberId, points, businessDay: e.businessDay } : undefined;
  }
  if (e.type === 'points-transfer')
    return { memberId: e.fromMemberId, points: e.points, businessDay: e.businessDay };
  return undefined;
}

/**
 * A points spend against a balance older than the store allows a replica to be (the offline
 * policy's `staleAfterMinutes`, 24 h by default; issue 11, scenario 13) is a `stale-redemption`, so
 * the manager sees the spends nobody could check in time. A sale that says how old its replica was
 * (`replicaAgeMs`, the till's own clock minus its own last contact, so a till whose clock runs a
 * day off is judged right) is judged by that. Otherwise — an older till, a points transfer — by how
 * long after it was made (`createdAt`, the till's clock) it reached the server (the journal's
 * `received_at`, never the fold's clock, so a refold raises the same set). Informational: the spend
 * stands and the ledger is untouched (an overdraft it caused is raised on its own).
 */
export const staleRedemptionsProjection: Projection = {
  name: 'stale-redemptions',
  reads: 'events',
  wants: (e) => e.type === 'points-transfer' || (e.type === 'sale' && spendOf(e) !== undefined),
  async fold(tx, inputs) {
    // An event received at or before now: if it is younger than every threshold now, it was then.
    const now = Date.now();
    const policies = new Map<string, OfflinePolicy>();
    const candidates: { input: FoldInput; spend: StaleSpend }[] = [];
    for (const input of inputs) {
      const e = input.event;
      const s = e && spendOf(e);
      if (!e || !s) continue;
      let policy = policies.get(e.storeId);
      if (!policy) {
        policy = offlinePolicyOf((await tx.stores.get(e.storeId)) ?? {});
        policies.set(e.storeId, policy);
      }
      const limitMs = policy.staleAfterMinutes * 60_000;
      const replicaAgeMs = e.type === 'sale' ? e.replicaAgeMs : undefined;
      if (replicaAgeMs !== undefined ? replicaAgeMs <= limitMs : now - e.createdAt <= limitMs) continue;
      candidates.push({
        input,
        spend: {
          ...s,
          eventId: e.id,
          terminalId: e.terminalId,
          storeId: e.storeId,
          seq: e.seq,
          createdAt: e.createdAt,
          receivedAt: 0,
          ...(replicaAgeMs !== undefined ? { replicaAgeMs } : {}),
          limitMinutes: policy.staleAfterMinutes,
          type: e.type,
        },
      });
    }
    if (candidates.length === 0) return;
    const received = await receivedAt(
      tx,
      candidates.map((c) => c.input.serverSeq),
    );
    for (const c of candidates) {
      const at = received.get(c.input.serverSeq);
      if (at === undefined) continue;
      // Judged by the replica's age when the sale says it (checked above), else by how late it came.
      if (c.spend.replicaAgeMs === undefined && at - c.spend.createdAt <= c.spend.limitMinutes * 60_000)
        continue;
      await raiseStaleRedemption(tx, { ...c.spend, receivedAt: at });
    }
  },
  // Its output is exceptions, which a refold keeps (raised once by their key).
  reset: async () => {},
};

async function receivedAt(tx: StorageTx, serverSeqs: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < serverSeqs.length; i += 500) {
    const rows = await tx.db
      .selectFrom('journal')
      .select(['server_seq', 'received_at'])
      .where('server_seq', 'in', serverSeqs.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(Number(r.server_seq), Number(r.received_at));
  }
  return out;
}
