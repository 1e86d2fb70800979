import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import {
  computeTier,
  type CompiledProgram,
  type TierHistoryEntry,
  type TierLadder,
} from '../../../../core/rules';
import { instantOfLocal, localTime } from '../../../../core/rules/local-time';

/** How far the member is from a tier: what is left and the share of the way done. */
export interface NextTier {
  tier: string;
  /** Points, or cents of spend, still to earn in the window. */
  remaining: number;
  /** From the current level's threshold to the next one, in basis points (0–10 000). */
  progressBp: number;
}

/** The way to the member's next tier, as far as this till can tell. */
export type TierProgress =
  | {
      kind: 'progress';
      basis: 'spend-cents' | 'points';
      /** The points currency a points ladder counts ('points', 'stars', …). */
      unit?: string;
      /** The tier the server gave the member (it decides; the till never changes it). */
      tier: string | null;
      next: NextTier | null;
      /**
       * The same with this basket's points (or spend) counted: "after this sale". Undefined when the
       * basket adds nothing to it.
       */
      afterSale?: { tier: string; next: NextTier | null };
    }
  /**
   * A points ladder the member document cannot answer for: the server has not sent the member's
   * points earned by month yet (an account folded before the figure existed), or the ladder's
   * window is rolling days, which months cannot count exactly.
   */
  | { kind: 'unknown'; reason: 'points-history-not-replicated' | 'rolling-window-by-month' };

/** This till's own sale not folded by the server yet (above appliedThrough), as the tier sees it. */
export interface UnsyncedSale {
  readonly terminalId: string;
  readonly seq: number;
  readonly createdAt: number;
  readonly totalCents?: number;
  readonly loyalty?: {
    readonly memberId: string | null;
    readonly ledger: readonly { readonly account: string; readonly unit?: string; readonly amount: number }[];
  } | null;
}

/** What the open basket adds: its ledger rows and the total it is paid on. */
export interface BasketEarn {
  readonly ledger: readonly { readonly account: string; readonly unit: string; readonly amount: number }[];
  readonly totalCents: number;
}

interface Ladder {
  ladder: TierLadder;
  unit: string;
}

/**
 * The tier ladder in force at this store: the highest-priority program with one (then the lowest
 * id), as the server's tier job picks it.
 */
export function ladderAt(programs: readonly CompiledProgram[], storeId: string): TierLadder | undefined {
  return ladderProgramAt(programs, storeId)?.ladder;
}

function ladderProgramAt(programs: readonly CompiledProgram[], storeId: string): Ladder | undefined {
  const p = [...programs]
    .filter((c) => c.program.tiers && (!c.program.scope?.stores || c.program.scope.stores.includes(storeId)))
    .sort((a, b) => b.priority - a.priority || a.program.id.localeCompare(b.program.id))[0]?.program;
  return p?.tiers ? { ladder: p.tiers, unit: p.pointsCurrency ?? 'points' } : undefined;
}

/**
 * Progress to the next tier with core/rules computeTier over what the server's tier job counts
 * (ledger-jobs.ts tierOf): for a points ladder the 'points' rows EARNED in the ladder's currency
 * (the member document's earned-by-month figure, never the spendable balance), for a spend ladder
 * the spend of the member's visits. This till's own sales the server has not folded yet (seq above
 * appliedThrough, the balance rule's split) count too, and the basket gives "after this sale". The
 * next level is the one above the highest of the server's tier, this window's and — a calendar
 * year — last year's (kept for this year, as the tier job keeps it).
 */
export function tierProgressOf(
  doc: MemberDoc,
  programs: readonly CompiledProgram[],
  store: { storeId: string; timeZone: string; terminalId?: string },
  at: number,
  local: { unsynced?: readonly UnsyncedSale[]; basket?: BasketEarn } = {},
): TierProgress | null {
  const found = ladderProgramAt(programs, store.storeId);
  if (!found) return null;
  const { ladder, unit } = found;
  const points = ladder.basis === 'points';
  if (points && ladder.window.type === 'rolling')
    return { kind: 'unknown', reason: 'rolling-window-by-month' };
  const earned = doc.counters.earnedByMonth;
  if (points && !earned) return { kind: 'unknown', reason: 'points-history-not-replicated' };

  const history: TierHistoryEntry[] = points
    ? Object.entries(earned?.[unit] ?? {}).map(([month, n]) => ({
        // Any instant inside the month counts it in a calendar year: its first local midnight.
        at: instantOfLocal(`${month}-01`, store.timeZone),
        points: n,
        spendCents: 0,
      }))
    : doc.counters.visits.map((v) => ({ at: v.at, points: 0, spendCents: v.spendCents }));
  for (const e of unsyncedOf(doc, store.terminalId, local.unsynced ?? [])) {
    history.push({
      at: e.createdAt,
      points: earnedIn(e.loyalty?.ledger ?? [], unit),
      spendCents: e.totalCents ?? 0,
    });
  }
  const now = standing(ladder, history, doc.tier, at, store.timeZone);
  const basket = local.basket;
  const adds = basket && (points ? earnedIn(basket.ledger, unit) > 0 : basket.totalCents > 0);
  return {
    kind: 'progress',
    basis: ladder.basis,
    ...(points ? { unit } : {}),
    tier: doc.tier,
    next: now.next,
    ...(adds
      ? {
          afterSale: standing(
            ladder,
            [...history, { at, points: earnedIn(basket.ledger, unit), spendCents: basket.totalCents }],
            doc.tier,
            at,
            store.timeZone,
          ),
        }
      : {}),
  };
}

/** This till's sales for the member that the server has not folded (seq above appliedThrough). */
function unsyncedOf(doc: MemberDoc, terminalId: string | undefined, events: readonly UnsyncedSale[]) {
  if (terminalId === undefined) return [];
  const applied = doc.appliedThrough[terminalId] ?? 0;
  return events.filter(
    (e) => e.terminalId === terminalId && e.seq > applied && e.loyalty?.memberId === doc.memberId,
  );
}

/** Points EARNED in a currency: positive 'points' rows (spending never lowers what qualifies). */
function earnedIn(
  ledger: readonly { account: string; unit?: string; amount: number }[],
  unit: string,
): number {
  return ledger.reduce(
    (s, r) => (r.account === 'points' && (r.unit ?? 'points') === unit && r.amount > 0 ? s + r.amount : s),
    0,
  );
}

function standing(
  ladder: TierLadder,
  history: readonly TierHistoryEntry[],
  serverTier: string | null,
  at: number,
  timeZone: string,
): { tier: string; next: NextTier | null } {
  const status = computeTier(ladder, history, at, timeZone);
  const levels = ladder.levels;
  const rankOf = (name: string | null) => levels.findIndex((l) => l.name === name);
  // A calendar-year ladder keeps last year's tier for this year, as the server's tier job does.
  const lastYear =
    ladder.window.type === 'calendar-year'
      ? computeTier(
          ladder,
          history,
          instantOfLocal(`${localTime(at, timeZone).year}-01-01`, timeZone) - 1,
          timeZone,
        ).tier
      : null;
  const rank = Math.max(rankOf(status.tier), rankOf(lastYear), rankOf(serverTier));
  const current = levels[rank];
  const upcoming = levels[rank + 1];
  return {
    tier: current?.name ?? status.tier,
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
