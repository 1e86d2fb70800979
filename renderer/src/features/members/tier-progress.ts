import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import {
  computeTier,
  type CompiledProgram,
  type TierHistoryEntry,
  type TierLadder,
} from '../../../../core/rules';

/** The way to the member's next tier, as far as this till can tell. */
export type TierProgress =
  | {
      kind: 'progress';
      basis: 'spend-cents';
      /** The tier the server gave the member (it decides; the till never changes it). */
      tier: string | null;
      next: { tier: string; remaining: number; progressBp: number } | null;
    }
  /**
   * A points ladder: the server qualifies on the points EARNED in the window (its ledger rows),
   * which the member document does not carry, so the till cannot show the way there.
   */
  | { kind: 'unknown'; reason: 'points-history-not-replicated' };

/**
 * The tier ladder in force at this store: the highest-priority program with one (then the lowest
 * id), as the server's tier job picks it.
 */
export function ladderAt(programs: readonly CompiledProgram[], storeId: string): TierLadder | undefined {
  return [...programs]
    .filter((c) => c.program.tiers && (!c.program.scope?.stores || c.program.scope.stores.includes(storeId)))
    .sort((a, b) => b.priority - a.priority || a.program.id.localeCompare(b.program.id))[0]?.program.tiers;
}

/**
 * Progress to the next tier with core/rules computeTier, over the spend of the member's visits
 * (the server's tier job uses the same history for a spend ladder). A tier the server kept from
 * last year's window counts: the next level is the one above the higher of the two.
 */
export function tierProgressOf(
  doc: MemberDoc,
  programs: readonly CompiledProgram[],
  store: { storeId: string; timeZone: string },
  at: number,
): TierProgress | null {
  const ladder = ladderAt(programs, store.storeId);
  if (!ladder) return null;
  if (ladder.basis === 'points') return { kind: 'unknown', reason: 'points-history-not-replicated' };
  const history: TierHistoryEntry[] = doc.counters.visits.map((v) => ({
    at: v.at,
    points: 0,
    spendCents: v.spendCents,
  }));
  const status = computeTier(ladder, history, at, store.timeZone);
  const levels = ladder.levels;
  const rank = Math.max(
    levels.findIndex((l) => l.name === status.tier),
    levels.findIndex((l) => l.name === doc.tier),
  );
  const current = levels[rank];
  const upcoming = levels[rank + 1];
  return {
    kind: 'progress',
    basis: 'spend-cents',
    tier: doc.tier,
    next:
      upcoming && current
        ? {
            tier: upcoming.name,
            remaining: Math.max(0, upcoming.threshold - status.qualifying),
            progressBp: Math.min(
              10_000,
              Math.max(
                0,
                Math.floor(
                  ((status.qualifying - current.threshold) * 10_000) /
                    (upcoming.threshold - current.threshold),
                ),
              ),
            ),
          }
        : null,
  };
}
