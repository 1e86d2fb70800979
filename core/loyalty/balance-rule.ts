/**
 * The balance a till shows (DESIGN.md "Balance shown at the till"):
 *
 *     shown = account.balance + Σ points of THIS terminal's local events with seq > appliedThrough[terminal]
 *
 * The server raises `balance` and `appliedThrough[terminal]` in the same fold, so an event is in
 * exactly one of the two terms whatever the order of push, ack and pull: never twice, never
 * missing. Events of other terminals not yet folded are unknown to this till — the honest limit
 * of offline. Pure; the server's simulation of a till uses the same function.
 */

/** What the rule needs of a member account (core/loyalty/member-doc.ts has both). */
export interface BalanceAccount {
  readonly balance: number;
  readonly appliedThrough: Readonly<Record<string, number>>;
}

/** What the rule needs of a local journal event: its seq and its loyalty block (sale v3). */
export interface LocalLoyaltyEvent {
  readonly terminalId: string;
  readonly seq: number;
  readonly loyalty?: {
    readonly memberId: string | null;
    readonly ledger: readonly { readonly account: string; readonly amount: number }[];
  } | null;
}

/** The ledger account the spendable balance is kept in. */
export const POINTS_ACCOUNT = 'points';

export interface ShownBalance {
  /** What the member can spend as far as this till knows. */
  readonly spendable: number;
  /** The part of it that is this till's own, not yet folded by the server. */
  readonly unsynced: number;
}

/** Σ points of this terminal's events for the member above the account's appliedThrough. */
export function unsyncedPoints(
  account: BalanceAccount,
  memberId: string,
  terminalId: string,
  events: Iterable<LocalLoyaltyEvent>,
): number {
  const applied = account.appliedThrough[terminalId] ?? 0;
  let sum = 0;
  for (const e of events) {
    if (e.terminalId !== terminalId || e.seq <= applied || e.loyalty?.memberId !== memberId) continue;
    for (const entry of e.loyalty.ledger) if (entry.account === POINTS_ACCOUNT) sum += entry.amount;
  }
  return sum;
}

export function shownBalance(
  account: BalanceAccount,
  memberId: string,
  terminalId: string,
  events: Iterable<LocalLoyaltyEvent>,
): ShownBalance {
  const unsynced = unsyncedPoints(account, memberId, terminalId, events);
  return { spendable: account.balance + unsynced, unsynced };
}
