import { dayNumber, dayNumberOf, localTime } from './local-time';
import type { TierLadder } from './schema/tier-ladder';

/** One qualifying fact: what a sale (or return, negative) EARNED — never what was redeemed. */
export interface TierHistoryEntry {
  readonly at: number;
  readonly points: number;
  readonly spendCents: number;
}

export interface TierStatus {
  readonly tier: string;
  /** Points or spend cents earned inside the window. */
  readonly qualifying: number;
  /** Store-local dates, both inclusive. */
  readonly window: { readonly from: string; readonly through: string };
  readonly next: {
    readonly tier: string;
    readonly threshold: number;
    readonly remaining: number;
    /** Progress from the current level's threshold to the next one, in basis points (0–10 000). */
    readonly progressBp: number;
  } | null;
}

const DAY_MS = 86_400_000;
const dateOf = (dayNo: number) => new Date(dayNo * DAY_MS).toISOString().slice(0, 10);

/**
 * The member's tier and the way to the next one, from their history, at a moment, in the
 * store's time zone (a calendar year starts at local midnight on 1 January).
 */
export function computeTier(
  ladder: TierLadder,
  history: readonly TierHistoryEntry[],
  at: number,
  timeZone: string,
): TierStatus {
  const today = localTime(at, timeZone);
  const todayNo = dayNumber(today.year, today.month, today.day);
  const fromNo =
    ladder.window.type === 'rolling' ? todayNo - ladder.window.days + 1 : dayNumber(today.year, 1, 1);
  let qualifying = 0;
  for (const h of history) {
    if (h.at > at) continue;
    const d = dayNumberOf(localTime(h.at, timeZone).date);
    if (d < fromNo || d > todayNo) continue;
    qualifying += ladder.basis === 'points' ? h.points : h.spendCents;
  }
  qualifying = Math.max(0, qualifying);
  const levels = ladder.levels;
  let index = 0;
  for (let i = 0; i < levels.length; i++) if (qualifying >= (levels[i]?.threshold ?? Infinity)) index = i;
  const current = levels[index] ?? { name: '', threshold: 0 };
  const upcoming = levels[index + 1];
  return {
    tier: current.name,
    qualifying,
    window: { from: dateOf(fromNo), through: today.date },
    next: upcoming
      ? {
          tier: upcoming.name,
          threshold: upcoming.threshold,
          remaining: upcoming.threshold - qualifying,
          progressBp: Math.floor(
            ((qualifying - current.threshold) * 10_000) / (upcoming.threshold - current.threshold),
          ),
        }
      : null,
  };
}
