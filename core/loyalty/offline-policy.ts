import type { OfflinePolicy } from '../store/store-policy';
import { POINTS_ACCOUNT } from './balance-rule';
import { SPEND_PROGRAM_ID } from './spend-ids';

/*
 * The offline policy (issue 9): earning is always allowed; spending offline is allowed up to caps
 * the store chose in advance (core/store/store-policy.ts), per member and per till per store-local
 * day, lower when the member's replica is stale. The same functions run on the till (before a
 * redemption) and on the server (judging an overdraft), so both sides apply the same numbers.
 */

export interface SpentToday {
  /** Points the given member spent at this till on the day. */
  memberPoints: number;
  /** Points all members together spent at this till on the day. */
  tillPoints: number;
  /** Cents spent from the given gift card at this till on the day. */
  cardCents: number;
  /** Cents spent from every gift card at this till on the day. */
  tillCardCents: number;
}

type Doc = Record<string, unknown>;
const isDoc = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);
const listOf = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const wholeOf = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * Σ points spent (negative 'points' rows of sales of this till) and gift-card tenders on `businessDay`.
 *
 * The docs are whatever the journal holds — any type, any version (a v3 sale has no payments by
 * gift card, a v1 sale no loyalty block) — so every field is checked before it is read and a doc
 * that does not fit simply adds nothing. A sale's spend rows carry SPEND_PROGRAM_ID; its other
 * negative rows (none today) are not spending. A points transfer's giver rows are all spending.
 */
export function spentToday(
  events: Iterable<unknown>,
  q: { terminalId: string; businessDay: string; memberId?: string | null; giftCardCode?: string | null },
): SpentToday {
  const spent: SpentToday = { memberPoints: 0, tillPoints: 0, cardCents: 0, tillCardCents: 0 };
  const memberId = q.memberId ?? null;
  const code = q.giftCardCode ?? null;
  for (const doc of events) {
    if (!isDoc(doc) || doc.terminalId !== q.terminalId || doc.businessDay !== q.businessDay) continue;
    if (doc.type !== 'sale' && doc.type !== 'points-transfer') continue;
    const points = spentPointsOf(doc);
    spent.tillPoints += points;
    if (memberId !== null && isDoc(doc.loyalty) && doc.loyalty.memberId === memberId)
      spent.memberPoints += points;
    if (doc.type !== 'sale') continue;
    for (const p of listOf(doc.payments)) {
      if (!isDoc(p) || p.method !== 'gift-card') continue;
      const cents = Math.max(0, wholeOf(p.amountCents));
      spent.tillCardCents += cents;
      if (code !== null && p.code === code) spent.cardCents += cents;
    }
  }
  return spent;
}

/** The points a sale or a transfer spent: its negative 'points' rows, as a positive number. */
function spentPointsOf(doc: Doc): number {
  if (!isDoc(doc.loyalty)) return 0;
  let sum = 0;
  for (const row of listOf(doc.loyalty.ledger)) {
    if (!isDoc(row) || row.account !== POINTS_ACCOUNT) continue;
    const amount = wholeOf(row.amount);
    if (amount >= 0) continue;
    if (doc.type === 'sale' && row.programId !== SPEND_PROGRAM_ID) continue;
    sum -= amount;
  }
  return sum;
}

export type CapVerdict =
  | { ok: true }
  | {
      ok: false;
      reason: 'member-cap' | 'till-cap' | 'stale-member-cap' | 'card-cap' | 'till-card-cap';
      limit: number;
      alreadyToday: number;
      requested: number;
    };

const OK: CapVerdict = { ok: true };

/** Is a replica of this age (ms, null = never pulled) stale under the policy? */
export function isReplicaStale(policy: OfflinePolicy, replicaAgeMs: number | null): boolean {
  return replicaAgeMs === null || replicaAgeMs > policy.staleAfterMinutes * 60_000;
}

/**
 * The per-member daily cap for a replica of this age. Stale never allows more than fresh, even
 * if a store typed the two the wrong way round: an older replica can only mean less certainty.
 */
export function memberCapFor(policy: OfflinePolicy, replicaAgeMs: number | null): number {
  return isReplicaStale(policy, replicaAgeMs)
    ? Math.min(policy.staleMemberDailyPoints, policy.memberDailyPoints)
    : policy.memberDailyPoints;
}

/**
 * Online (sync live and member replica fresh) is not capped; offline the caps of the policy apply.
 * The caller decides `online`; the balance (spendable.ts) bounds a redemption in both cases.
 */
export function checkPointsRedemption(q: {
  policy: OfflinePolicy;
  online: boolean;
  replicaAgeMs: number | null;
  requested: number;
  spent: SpentToday;
}): CapVerdict {
  if (q.online || q.requested <= 0) return OK;
  const stale = isReplicaStale(q.policy, q.replicaAgeMs);
  const memberCap = memberCapFor(q.policy, q.replicaAgeMs);
  if (q.spent.memberPoints + q.requested > memberCap) {
    return over(stale ? 'stale-member-cap' : 'member-cap', memberCap, q.spent.memberPoints, q.requested);
  }
  if (q.spent.tillPoints + q.requested > q.policy.tillDailyPoints) {
    return over('till-cap', q.policy.tillDailyPoints, q.spent.tillPoints, q.requested);
  }
  return OK;
}

/** The same for a gift card or store credit offline: per card per day, and per till per day (cents). */
export function checkGiftCardSpend(q: {
  policy: OfflinePolicy;
  online: boolean;
  requestedCents: number;
  spent: SpentToday;
}): CapVerdict {
  if (q.online || q.requestedCents <= 0) return OK;
  if (q.spent.cardCents + q.requestedCents > q.policy.giftCardDailyCents) {
    return over('card-cap', q.policy.giftCardDailyCents, q.spent.cardCents, q.requestedCents);
  }
  if (q.spent.tillCardCents + q.requestedCents > q.policy.tillGiftCardDailyCents) {
    return over('till-card-cap', q.policy.tillGiftCardDailyCents, q.spent.tillCardCents, q.requestedCents);
  }
  return OK;
}

function over(
  reason: Exclude<CapVerdict, { ok: true }>['reason'],
  limit: number,
  alreadyToday: number,
  requested: number,
): CapVerdict {
  return { ok: false, reason, limit, alreadyToday, requested };
}

/**
 * For the server: was this overdraft within what the policy let the tills spend offline?
 *
 * Why memberDailyPoints × (tills − 1): a till never lets a member spend more than the balance it
 * knows, so an overdraft only comes from spends a till could not see — those of the other tills,
 * made while they were offline. With n tills each spending min(B, cap) of a balance B, the total
 * is at most n·min(B, cap), so the overdraft n·min(B, cap) − B is at most (n − 1)·cap (for B ≥ cap
 * it is n·cap − B ≤ (n − 1)·cap; for B < cap it is (n − 1)·B). The fresh cap is the larger of the
 * two member caps (memberCapFor), so it is the bound. A store with one till still gets one cap of
 * slack (max(1, …)): a return's clawback or a replica lagging across a day can overdraw by as much.
 * The bound holds for one store-local day, the period the caps are counted in.
 */
export function overdraftWithinCap(q: {
  policy: OfflinePolicy;
  overdraftPoints: number;
  tills: number;
}): boolean {
  if (q.overdraftPoints <= 0) return true;
  const tills = Number.isFinite(q.tills) ? Math.floor(q.tills) : 1;
  const others = Math.max(1, tills - 1);
  return q.overdraftPoints <= q.policy.memberDailyPoints * others;
}
