import type { ReturnEvent } from '../journal/return-event';
import type { LoyaltyEntry, SaleLoyalty } from '../journal/sale-event';
import type { Tender, TenderMethod } from '../journal/spend';
import { POINTS_ACCOUNT } from './balance-rule';
import { shareOf } from './returnable';
import { POINTS_TENDER_RULE, returnEntryId, SPEND_PROGRAM_ID, SPEND_PROGRAM_VERSION } from './spend-ids';

/**
 * Money back by the ORIGINAL tender types (issue 9): a refund is shared by the sale's payments in
 * proportion to what each of them has not had back yet, a gift card gets its part back on the same
 * code, a points payment gets points back, and the cents rounding leaves over go to the last cash
 * or card payment. No payment ever gets back more than it paid, over all returns of the sale: each
 * share is capped by what is left of it, and what a cap cuts goes to the next payment with room.
 * Deterministic: the same sale, earlier returns and amount give the same tenders in the same order.
 *
 * Points back follow the cumulative share, rounded down so the member never gains:
 * Σ points back = floor(points paid × cents back / cents paid), all of them once the payment is
 * back in full. When the part of a points payment is worth less than one point it goes to a cash
 * or card payment (or another payment with room) instead; when no other payment has room left
 * (a sale paid in points only, or the rest already back), that part is not refunded: it is less
 * than one point, which the member would otherwise gain.
 */

interface Group {
  method: TenderMethod;
  code?: string;
  paid: number;
  points: number;
  backCents: number;
  backPoints: number;
}

const keyOf = (t: Pick<Tender, 'method' | 'code'>): string =>
  t.method === 'gift-card' ? `gift-card:${t.code ?? ''}` : t.method;

function groupsOf(payments: readonly Tender[], prior: readonly Tender[]): Group[] {
  const groups = new Map<string, Group>();
  for (const p of payments) {
    const k = keyOf(p);
    const g = groups.get(k) ?? {
      method: p.method,
      ...(p.method === 'gift-card' && p.code !== undefined ? { code: p.code } : {}),
      paid: 0,
      points: 0,
      backCents: 0,
      backPoints: 0,
    };
    g.paid += Math.max(0, p.amountCents);
    g.points += p.method === 'points' ? (p.points ?? 0) : 0;
    groups.set(k, g);
  }
  for (const r of prior) {
    const g = groups.get(keyOf(r));
    if (!g) continue;
    g.backCents += Math.max(0, r.amountCents);
    g.backPoints += r.points ?? 0;
  }
  return [...groups.values()];
}

const left = (g: Group): number => Math.max(0, g.paid - g.backCents);
const isMoney = (g: Group): boolean => g.method === 'cash' || g.method === 'card';

/** Moves `cents` onto the groups with room, `order` first; returns what found no room. */
function spill(cents: number, shares: number[], groups: readonly Group[], order: readonly number[]): number {
  let rest = cents;
  for (const i of order) {
    if (rest === 0) break;
    const room = left(groups[i] as Group) - (shares[i] ?? 0);
    const moved = Math.min(room, rest);
    if (moved > 0) {
      shares[i] = (shares[i] ?? 0) + moved;
      rest -= moved;
    }
  }
  return rest;
}

/**
 * The refund tenders for `refundCents`, given the sale's payments and the refunds of its earlier
 * returns. Σ amountCents of the result is refundCents, except for the few cents of a points
 * payment worth less than a point when no other payment has room (see above).
 */
export function allocateRefund(
  payments: readonly Tender[],
  priorRefunds: readonly Tender[],
  refundCents: number,
): Tender[] {
  const groups = groupsOf(payments, priorRefunds);
  const open = groups.reduce((n, g) => n + left(g), 0);
  const total = Math.max(0, Math.min(refundCents, open));
  if (total === 0) return [];
  const moneyIdx = groups.map((g, i) => (isMoney(g) ? i : -1)).filter((i) => i >= 0);
  const last = moneyIdx.length > 0 ? (moneyIdx[moneyIdx.length - 1] as number) : groups.length - 1;
  // The payment that takes the remainders first, then the others in payment order.
  const order = [last, ...groups.map((_, i) => i).filter((i) => i !== last)];

  const shares = groups.map((g, i) => (i === last ? 0 : shareOf(total, left(g), open)));
  const given = shares.reduce((n, s) => n + s, 0);
  spill(total - given, shares, groups, order);

  const points = groups.map(() => 0);
  groups.forEach((g, i) => {
    if (g.method !== 'points' || (shares[i] ?? 0) === 0) return;
    const back = shareOf(g.points, g.backCents + (shares[i] ?? 0), g.paid) - g.backPoints;
    if (back > 0) {
      points[i] = back;
      return;
    }
    // Worth less than a point: the cents go back by another payment with room.
    const cents = shares[i] ?? 0;
    shares[i] = 0;
    const others = order.filter((j) => groups[j]?.method !== 'points');
    shares[i] = spill(cents, shares, groups, others);
  });

  const out: Tender[] = [];
  groups.forEach((g, i) => {
    const cents = shares[i] ?? 0;
    if (cents === 0 || (g.method === 'points' && (points[i] ?? 0) === 0)) return;
    out.push({
      method: g.method,
      amountCents: cents,
      ...(g.method === 'points' ? { points: points[i] as number } : {}),
      ...(g.code !== undefined ? { code: g.code } : {}),
    });
  });
  return out;
}

/** The rule the reward recredit row names (the tender's names 'points-tender', as on the sale). */
export const REWARD_RECREDIT_RULE = 'rewards';
const TENDER_RULE = POINTS_TENDER_RULE;

function spendRow(
  returnId: string,
  ref: 'tender' | 'spend',
  amount: number,
  like: LoyaltyEntry | undefined,
  text: string,
): LoyaltyEntry {
  return {
    id: returnEntryId(returnId, 'recredit', ref),
    account: POINTS_ACCOUNT,
    // The unit of the sale's spend row it gives back.
    unit: like?.unit ?? POINTS_ACCOUNT,
    amount,
    programId: SPEND_PROGRAM_ID,
    programVersion: SPEND_PROGRAM_VERSION,
    ruleId: ref === 'tender' ? TENDER_RULE : REWARD_RECREDIT_RULE,
    text,
  };
}

/**
 * Spent points coming back, as positive ledger rows of the return: the points refund tenders'
 * points in one row (returnEntryId(returnId, 'recredit', 'tender'), the same number the tenders
 * carry, as sale v5 mirrors a points payment), and the points spent on rewards in proportion to
 * the value returned so far, rounded down, less what earlier returns credited
 * (returnEntryId(returnId, 'recredit', 'spend')). The tender's points are only in the tender row,
 * so nothing is credited twice.
 */
export function recreditRows(q: {
  returnId: string;
  loyalty: SaleLoyalty;
  /** The earlier returns of this sale. */
  priorReturns: readonly ReturnEvent[];
  /** This return's refund tenders. */
  refunds: readonly Tender[];
  /** Cents returned so far (this return included) and the sale's value. */
  value: { returned: number; sale: number };
}): LoyaltyEntry[] {
  const rows: LoyaltyEntry[] = [];
  const isSpend = (e: LoyaltyEntry) => e.account === POINTS_ACCOUNT && e.programId === SPEND_PROGRAM_ID;
  const isRewardSpend = (e: LoyaltyEntry) => isSpend(e) && e.ruleId !== TENDER_RULE;
  const tenderPoints = q.refunds.reduce((n, t) => n + (t.method === 'points' ? (t.points ?? 0) : 0), 0);
  if (tenderPoints > 0) {
    const like = q.loyalty.ledger.find((e) => isSpend(e) && e.ruleId === TENDER_RULE);
    rows.push(spendRow(q.returnId, 'tender', tenderPoints, like, 'Points payment refunded'));
  }
  const spends = q.loyalty.ledger.filter((e) => isRewardSpend(e) && e.amount < 0);
  const spent = spends.reduce((n, e) => n - e.amount, 0);
  const already = q.priorReturns
    .flatMap((r) => r.loyalty?.ledger ?? [])
    .filter((e) => isRewardSpend(e) && e.amount > 0)
    .reduce((n, e) => n + e.amount, 0);
  const back = shareOf(spent, q.value.returned, q.value.sale) - already;
  if (back > 0) rows.push(spendRow(q.returnId, 'spend', back, spends[0], 'Reward points returned'));
  return rows;
}
