import { formatMoney, type Cents } from '../../../../core/money';
import {
  checkGiftCardSpend,
  checkPointsRedemption,
  spentToday,
  type CapVerdict,
} from '../../../../core/loyalty/offline-policy';
import { businessDayOf, type StoreSettings } from '../../../../core/store/store-settings';
import { offlinePolicyOf } from '../../../../core/store/store-policy';
import { message, type Translatable } from '../../i18n/translatable';

/**
 * The offline policy at the till (issue 9): before a redemption, a points tender or a gift-card
 * tender, what this till already spent today (its journal) plus what the open basket holds, checked
 * against the store's caps. Online (sync live) nothing is capped; the balance still bounds it.
 */
export interface CapQuestion {
  store: StoreSettings;
  terminalId: string;
  nowMs: number;
  online: boolean;
  /** ms since the replica last synced; null when it never did. */
  replicaAgeMs: number | null;
  /** This till's journal docs of the day (any type). */
  journal: Iterable<unknown>;
  memberId?: string | null;
  giftCardCode?: string | null;
  /** What the open basket already holds (points reserved, cents on gift cards). */
  heldPoints?: number;
  heldCardCents?: number;
  heldTillCardCents?: number;
}

export function pointsCap(q: CapQuestion, requested: number): CapVerdict {
  const spent = spentOf(q);
  return checkPointsRedemption({
    policy: offlinePolicyOf(q.store),
    online: q.online,
    replicaAgeMs: q.replicaAgeMs,
    requested,
    spent,
  });
}

export function giftCardCap(q: CapQuestion, requestedCents: number): CapVerdict {
  return checkGiftCardSpend({
    policy: offlinePolicyOf(q.store),
    online: q.online,
    requestedCents,
    spent: spentOf(q),
  });
}

function spentOf(q: CapQuestion) {
  const spent = spentToday(q.journal, {
    terminalId: q.terminalId,
    businessDay: businessDayOf(q.nowMs, q.store.timeZone),
    memberId: q.memberId ?? null,
    giftCardCode: q.giftCardCode ?? null,
  });
  const held = q.heldPoints ?? 0;
  return {
    memberPoints: spent.memberPoints + held,
    tillPoints: spent.tillPoints + held,
    cardCents: spent.cardCents + (q.heldCardCents ?? 0),
    tillCardCents: spent.tillCardCents + (q.heldTillCardCents ?? 0),
  };
}

/** "Offline, a member can redeem 2,000 points a day; 1,500 already today." */
export function capMessage(
  v: Exclude<CapVerdict, { ok: true }>,
  store: Pick<StoreSettings, 'locale' | 'currency'>,
): Translatable {
  const cents = v.reason === 'card-cap' || v.reason === 'till-card-cap';
  const shown = (n: number) =>
    cents ? formatMoney(n as Cents, store.currency, store.locale) : n.toLocaleString(store.locale);
  return message(`spend.cap.${v.reason}`, { limit: shown(v.limit), already: shown(v.alreadyToday) });
}
