import { EARNED_MONTHS, type MemberCounters } from '../loyalty/member-doc';
import type { SaleEvent } from '../journal/sale-event';
import { SPEND_PROGRAM_ID } from '../loyalty/spend-ids';
import { instantOfLocal, localTime } from '../rules/local-time';

/** What the ledger projection keeps per member, besides the ledger rows themselves. */
export interface MemberFigures {
  balance: number;
  pendingPoints: number;
  lifetimeEarned: number;
  appliedThrough: Record<string, number>;
  counters: MemberCounters;
}

const MAX_VISITS = 400;

/**
 * The ledger projection's fold, pure: a member's figures after one sale of theirs, given the
 * sale's ledger rows that were new (a row already in the ledger is never counted again). The
 * server stores the result; a till can compute the same view of its own unsynced sales.
 * - balance and lifetime: the 'points' rows (lifetime counts what was earned, never what was spent);
 *   an earning row still in its program's return window counts as pending, not spendable;
 * - appliedThrough: this terminal's highest seq folded into the balance (DESIGN.md balance rule);
 * - counters: one purchase and one visit per sale; per rule, the transactions it gave rows in;
 *   stamps, challenge progress, badges and unlocked rewards from their accounts;
 * - earned by month: the earning 'points' rows (pending ones too: earned is earned) per currency,
 *   in the month of the sale in `homeZone` (the member's home store's zone, the one the server's
 *   tier job reads the window in).
 */
export function figuresAfterSale(
  before: MemberFigures,
  sale: Pick<SaleEvent, 'terminalId' | 'seq' | 'createdAt' | 'businessDay' | 'totalCents'> & {
    redemptions?: readonly { rewardId: string; source: string }[];
  },
  newRows: readonly FoldedRow[],
  homeZone = 'UTC',
): MemberFigures {
  const c = before.counters;
  const after = withUnlockedRedeemed(withRows(before, sale, newRows, homeZone), sale.redemptions, newRows);
  return {
    ...after,
    appliedThrough: {
      ...before.appliedThrough,
      [sale.terminalId]: Math.max(before.appliedThrough[sale.terminalId] ?? 0, sale.seq),
    },
    counters: {
      ...after.counters,
      purchaseCount: c.purchaseCount + 1,
      visits: withVisit(c.visits, { at: sale.createdAt, spendCents: sale.totalCents }),
    },
  };
}

/**
 * The sibling of figuresAfterSale for a non-purchase action the server evaluated (a review, a
 * referral, …): its rows count like a sale's — balance, pending, lifetime, rule usage on the
 * action's store-local day, stamps, challenges, badges — but it is no purchase and no visit, and
 * it moves no till's appliedThrough (no till holds it).
 */
export function figuresAfterAction(
  before: MemberFigures,
  action: { businessDay: string; createdAt: number },
  newRows: readonly FoldedRow[],
  homeZone = 'UTC',
): MemberFigures {
  return withRows(before, action, newRows, homeZone);
}

/**
 * A reward a program unlocked, redeemed on a sale (v5 `redemptions`, source 'unlocked'), is used
 * up: one fewer of it (never below 0). A sale whose rows already take it off (`rewards:<id>` with a
 * negative amount) is not counted twice.
 */
function withUnlockedRedeemed(
  f: MemberFigures,
  redemptions: readonly { rewardId: string; source: string }[] | undefined,
  newRows: readonly FoldedRow[],
): MemberFigures {
  const used = (redemptions ?? []).filter(
    (r) =>
      r.source === 'unlocked' && !newRows.some((x) => x.account === `rewards:${r.rewardId}` && x.amount < 0),
  );
  if (used.length === 0) return f;
  const rewards = { ...f.counters.rewards };
  for (const r of used) rewards[r.rewardId] = Math.max(0, (rewards[r.rewardId] ?? 0) - 1);
  return { ...f, counters: { ...f.counters, rewards } };
}

/**
 * A return's rows (core/journal/return-event.ts): points taken back for the goods and spent points
 * credited back move the balance (at once, even when what they take back is still pending: the
 * posting job later posts that); what was taken back of what was earned leaves lifetime earned (the member
 * never keeps points for goods returned); stamps and challenge progress follow their rows. No
 * purchase, no visit, no rule usage. From a till it moves that till's appliedThrough, as a sale does.
 */
export function figuresAfterReturn(
  before: MemberFigures,
  ret: { terminalId: string; seq: number },
  newRows: readonly FoldedRow[],
  fromTill = true,
): MemberFigures {
  const points = newRows.filter((r) => r.account === 'points');
  const takenBack = points
    .filter((r) => r.amount < 0 && r.programId !== SPEND_PROGRAM_ID)
    .reduce((s, r) => s - r.amount, 0);
  const stamps = { ...before.counters.stamps };
  const challenges = { ...before.counters.challenges };
  for (const r of newRows) {
    const [kind, id] = r.account.split(':', 2) as [string, string | undefined];
    if (id === undefined) continue;
    if (kind === 'stamps') stamps[id] = (stamps[id] ?? 0) + r.amount;
    else if (kind === 'challenge') challenges[id] = (challenges[id] ?? 0) + r.amount;
  }
  return {
    ...moved(before, ret, points, fromTill),
    lifetimeEarned: Math.max(0, before.lifetimeEarned - takenBack),
    counters: { ...before.counters, stamps, challenges },
  };
}

/**
 * One side of a points transfer: the giver's negative row or the receiver's positive one moves the
 * balance only (given points are no earning, taken points no spend on goods). The giver's side from
 * a till moves that till's appliedThrough (the till counts it in its balance rule until then).
 */
export function figuresAfterTransfer(
  before: MemberFigures,
  transfer: { terminalId: string; seq: number },
  newRows: readonly FoldedRow[],
  movesAppliedThrough: boolean,
): MemberFigures {
  return moved(
    before,
    transfer,
    newRows.filter((r) => r.account === 'points'),
    movesAppliedThrough,
  );
}

function moved(
  before: MemberFigures,
  e: { terminalId: string; seq: number },
  points: readonly FoldedRow[],
  movesAppliedThrough: boolean,
): MemberFigures {
  return {
    ...before,
    balance: before.balance + points.filter((r) => !r.pending).reduce((s, r) => s + r.amount, 0),
    pendingPoints: before.pendingPoints + points.filter((r) => r.pending).reduce((s, r) => s + r.amount, 0),
    appliedThrough: movesAppliedThrough
      ? {
          ...before.appliedThrough,
          [e.terminalId]: Math.max(before.appliedThrough[e.terminalId] ?? 0, e.seq),
        }
      : before.appliedThrough,
  };
}

/** Pending points whose return window ended: spendable now (balance up, pending down by as much). */
export function figuresAfterPosting(before: MemberFigures, amount: number): MemberFigures {
  return { ...before, balance: before.balance + amount, pendingPoints: before.pendingPoints - amount };
}

/** What was left of an expired lot leaves the balance (lifetime earned stays what was earned). */
export function figuresAfterExpiry(before: MemberFigures, amount: number): MemberFigures {
  return { ...before, balance: before.balance - amount };
}

/** A ledger row as the figures see it; `pending` when it is still in its program's return window. */
export interface FoldedRow {
  account: string;
  amount: number;
  programId: string;
  ruleId: string;
  /** The points currency ('points' when the row does not say). */
  unit?: string;
  pending?: boolean;
}

function withRows(
  before: MemberFigures,
  at: { businessDay: string; createdAt: number },
  newRows: readonly FoldedRow[],
  homeZone: string,
): MemberFigures {
  const day = at.businessDay;
  const c = before.counters;
  const points = newRows.filter((r) => r.account === 'points');
  // Spending rows (SPEND_PROGRAM_ID) move the balance only: never earned, never lifetime.
  const earning = points.filter((r) => r.programId !== SPEND_PROGRAM_ID);
  const earned = earning.reduce((s, r) => s + Math.max(0, r.amount), 0);
  const rules = { ...c.rules };
  for (const key of new Set(newRows.map((r) => `${r.programId}/${r.ruleId}`))) {
    const prev = rules[key] ?? { lifetime: 0 };
    rules[key] = {
      lifetime: prev.lifetime + 1,
      byDay: { ...prev.byDay, [day]: (prev.byDay?.[day] ?? 0) + 1 },
    };
  }
  const stamps = { ...c.stamps };
  const challenges = { ...c.challenges };
  const badges = new Set(c.badges);
  const rewards = { ...c.rewards };
  for (const r of newRows) {
    const [kind, id] = r.account.split(':', 2) as [string, string | undefined];
    if (id === undefined) continue;
    if (kind === 'stamps') stamps[id] = (stamps[id] ?? 0) + r.amount;
    else if (kind === 'challenge') challenges[id] = (challenges[id] ?? 0) + r.amount;
    else if (kind === 'badges' && r.amount > 0) badges.add(id);
    else if (kind === 'rewards') rewards[id] = (rewards[id] ?? 0) + r.amount;
  }
  return {
    balance: before.balance + points.filter((r) => !r.pending).reduce((s, r) => s + r.amount, 0),
    pendingPoints: before.pendingPoints + points.filter((r) => r.pending).reduce((s, r) => s + r.amount, 0),
    lifetimeEarned: before.lifetimeEarned + earned,
    appliedThrough: before.appliedThrough,
    counters: {
      ...c,
      rules,
      stamps,
      challenges,
      badges: [...badges].sort(),
      ...(c.rewards || Object.keys(rewards).length > 0 ? { rewards } : {}),
      ...earnedAfter(before, earning, at.createdAt, homeZone),
    },
  };
}

/**
 * The earned-by-month figure after these 'points' rows. A member folded before the figure existed
 * (earned points but no `earnedByMonth`) stays without it: a partial history would show a wrong
 * tier progress; a refold gives every member the whole of it.
 */
function earnedAfter(
  before: MemberFigures,
  points: readonly FoldedRow[],
  at: number,
  zone: string,
): Pick<MemberCounters, 'earnedByMonth'> {
  const held = before.counters.earnedByMonth ?? (before.lifetimeEarned === 0 ? {} : undefined);
  if (held === undefined) return {};
  const earning = points.filter((r) => r.amount > 0);
  if (earning.length === 0) return { earnedByMonth: held };
  const month = monthOf(at, zone);
  const out = { ...held };
  for (const r of earning) {
    const unit = r.unit ?? 'points';
    out[unit] = { ...out[unit], [month]: (out[unit]?.[month] ?? 0) + r.amount };
  }
  for (const unit of new Set(earning.map((r) => r.unit ?? 'points')))
    out[unit] = newestMonths(out[unit] ?? {});
  return { earnedByMonth: out };
}

/** Per zone, the month last asked for and the instants it spans: [from, until). */
const monthSpans = new Map<string, { from: number; until: number; month: string }>();

/**
 * 'YYYY-MM' of an instant in a zone. A zone look-up costs tens of µs and the fold is the server's hot
 * path, so the month's span is kept per zone: a look-up only when a sale falls outside it.
 */
export function monthOf(at: number, zone: string): string {
  const held = monthSpans.get(zone);
  if (held && at >= held.from && at < held.until) return held.month;
  const month = localTime(at, zone).date.slice(0, 7);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const span = {
    from: instantOfLocal(`${month}-01`, zone),
    until: instantOfLocal(`${next}-01`, zone),
    month,
  };
  if (monthSpans.size > 64) monthSpans.clear();
  monthSpans.set(zone, span);
  return month;
}

/** The months within EARNED_MONTHS of the newest one: the same set whatever order rows came in. */
function newestMonths(months: Record<string, number>): Record<string, number> {
  const keys = Object.keys(months).sort();
  const newest = keys[keys.length - 1];
  if (newest === undefined) return months;
  const [y, m] = newest.split('-').map(Number) as [number, number];
  const first = y * 12 + (m - 1) - (EARNED_MONTHS - 1);
  const out: Record<string, number> = {};
  for (const k of keys) {
    const [ky, km] = k.split('-').map(Number) as [number, number];
    if (ky * 12 + (km - 1) >= first) out[k] = months[k] as number;
  }
  return out;
}

/**
 * The visits in time order, the newest MAX_VISITS: the same list whatever order the sales were
 * folded in (pushes interleave terminals, a refold folds one terminal at a time).
 */
function withVisit(
  visits: readonly { at: number; spendCents: number }[],
  v: { at: number; spendCents: number },
): { at: number; spendCents: number }[] {
  return [...visits, v].sort((a, b) => a.at - b.at || a.spendCents - b.spendCents).slice(-MAX_VISITS);
}
