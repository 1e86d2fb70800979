import type { JournalEvent } from '../../../../core/journal';
import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import type { RedeemingMember } from '../../../../core/loyalty/redemption';
import type { SpendState } from './spend-state';

const REWARDS = 'rewards:';

/**
 * The member as a reward's eligibility sees them: tier, segments, and the unlocks they hold — the
 * server's counters.rewards, plus the 'rewards:<id>' rows of this till's sales the server has not
 * folded yet (a 10th stamp here a minute ago), minus the unlocked rewards already in this basket.
 */
export function redeemingMemberOf(
  doc: MemberDoc,
  terminalId: string,
  unsynced: readonly JournalEvent[],
  state: SpendState,
): RedeemingMember {
  const unlocked: Record<string, number> = { ...(doc.counters.rewards ?? {}) };
  const applied = doc.appliedThrough[terminalId] ?? 0;
  for (const e of unsynced) {
    if (e.terminalId !== terminalId || e.seq <= applied || !('loyalty' in e) || !e.loyalty) continue;
    if (e.loyalty.memberId !== doc.memberId) continue;
    for (const row of e.loyalty.ledger) {
      if (!row.account.startsWith(REWARDS)) continue;
      const id = row.account.slice(REWARDS.length);
      unlocked[id] = (unlocked[id] ?? 0) + row.amount;
    }
  }
  for (const r of state.redemptions) {
    if (r.applied.redemption.source === 'unlocked') unlocked[r.reward.id] = (unlocked[r.reward.id] ?? 0) - 1;
  }
  return { memberId: doc.memberId, tier: doc.tier, segments: doc.segments, unlocked };
}
