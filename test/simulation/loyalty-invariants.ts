import { POINTS_ACCOUNT } from '../../core/loyalty/balance-rule';
import type { OfflinePolicy } from '../../core/store/store-policy';
import type { JournalDoc } from '../../renderer/src/db/database';
import { InvariantBroken } from './invariants';
import type { LoyaltyView } from './loyalty-view';
import type { SimLoyalty } from './sim-loyalty';

function fail(invariant: string, message: string): never {
  throw new InvariantBroken(invariant, message);
}

/** What one till holds for the loyalty checks. */
export interface LoyaltyTill {
  index: number;
  terminalId: string;
  journal: readonly JournalDoc[];
  loyalty: SimLoyalty;
}

interface Row {
  readonly id: string;
  readonly account: string;
  readonly amount: number;
}
const rowsOf = (e: JournalDoc): readonly Row[] =>
  ((e as { loyalty?: { memberId: string | null; ledger: readonly Row[] } | null }).loyalty?.ledger ??
    []) as readonly Row[];
const memberOf = (e: JournalDoc): string | null =>
  (e as { loyalty?: { memberId: string | null } | null }).loyalty?.memberId ?? null;
const pointsOf = (rows: readonly { account: string; amount: number }[]): number =>
  rows.reduce((n, r) => (r.account === POINTS_ACCOUNT ? n + r.amount : n), 0);

/**
 * The loyalty invariants, after every step:
 * - `ledger-once`: the server's ledger rows of a till's event are exactly the rows the event carries
 *   (each once, the same amounts), or none while it is not folded; no row the till never wrote;
 * - `balance-is-ledger`: a member's balance is Σ its posted points rows, pending points Σ its pending;
 * - `balance-rule`: each till shows, for each member, the server's balance plus its own events the
 *   server has not folded (by the ledger, not by appliedThrough — the rule's own bookkeeping);
 * - `overdraft-raised`, `overdraft-within-cap`: a member below zero has an open overdraft exception,
 *   and is at most the policy's cap × (tills − 1) below, unless a manager's override allowed a spend.
 */
export function checkLoyalty(
  tills: readonly LoyaltyTill[],
  view: LoyaltyView,
  o: { memberIds: readonly string[]; policy: OfflinePolicy; tills: number },
): void {
  const byEvent = new Map<string, LoyaltyView['ledger']>();
  for (const r of view.ledger) {
    const k = `${r.terminalId}:${r.seq}`;
    byEvent.set(k, [...(byEvent.get(k) ?? []), r]);
  }
  const unfolded = new Map<string, number>(); // `${till}:${member}` → Σ points not folded yet
  const overridden = new Set<string>();
  for (const t of tills) {
    const name = `till ${t.index + 1}`;
    const seqs = new Set(t.journal.map((e) => e.seq));
    for (const e of t.journal) {
      const memberId = memberOf(e);
      if (memberId === null) continue;
      const mine = rowsOf(e);
      const server = byEvent.get(`${t.terminalId}:${e.seq}`);
      if ((e as { overrides?: readonly string[] }).overrides?.length) overridden.add(memberId);
      if (!server) {
        const k = `${t.index}:${memberId}`;
        unfolded.set(k, (unfolded.get(k) ?? 0) + pointsOf(mine));
        continue;
      }
      const want = new Map(mine.map((r) => [r.id, r]));
      const seen = new Set<string>();
      for (const r of server) {
        const w = want.get(r.entryId);
        if (seen.has(r.entryId))
          fail('ledger-once', `${name} seq ${e.seq}: the server holds ledger row ${r.entryId} twice`);
        seen.add(r.entryId);
        if (!w || w.amount !== r.amount || r.memberId !== memberId)
          fail(
            'ledger-once',
            `${name} seq ${e.seq}: the server's ledger row ${r.entryId} (${r.amount}) is not one the sale carries`,
          );
      }
      if (seen.size !== want.size)
        fail('ledger-once', `${name} seq ${e.seq}: ${want.size} ledger rows, the server folded ${seen.size}`);
    }
    for (const [k, rows] of byEvent) {
      const [terminal, seq] = k.split(':');
      if (terminal === t.terminalId && !seqs.has(Number(seq)))
        fail(
          'ledger-once',
          `the server holds ${rows.length} ledger row(s) of ${name} seq ${seq} it never wrote`,
        );
    }
  }

  for (const memberId of o.memberIds) {
    const m = view.members.get(memberId);
    if (!m) fail('balance-is-ledger', `the server lost member ${memberId}`);
    let posted = 0;
    let pending = 0;
    for (const r of view.ledger) {
      if (r.memberId !== memberId || r.account !== POINTS_ACCOUNT) continue;
      if (r.status === 'pending') pending += r.amount;
      else posted += r.amount;
    }
    if (m.balance !== posted || m.pendingPoints !== pending)
      fail(
        'balance-is-ledger',
        `member ${memberId}: balance ${m.balance} / pending ${m.pendingPoints}, Σ ledger ${posted} / ${pending}`,
      );
    for (const t of tills) {
      const shown = t.loyalty.shown(m, memberId, t.terminalId, t.journal);
      const expected = m.balance + (unfolded.get(`${t.index}:${memberId}`) ?? 0);
      if (shown !== expected)
        fail(
          'balance-rule',
          `till ${t.index + 1} shows member ${memberId} ${shown} points; the server's ${m.balance} and its ${expected - m.balance} not yet folded make ${expected}`,
        );
    }
    if (m.balance < 0) {
      if (!view.overdrafts.some((x) => x.memberId === memberId && x.status === 'open'))
        fail(
          'overdraft-raised',
          `member ${memberId} is ${-m.balance} points below zero with no open exception`,
        );
      const cap = o.policy.memberDailyPoints * Math.max(1, o.tills - 1);
      if (-m.balance > cap && !overridden.has(memberId))
        fail(
          'overdraft-within-cap',
          `member ${memberId} is ${-m.balance} points below zero, above the offline cap ${cap}, and no manager allowed it`,
        );
    }
  }
}

/**
 * After the network healed and every till pulled again: each till's replica shows each member the
 * server's balance exactly (nothing of its own left unfolded).
 */
export function checkShownAfterHeal(
  tills: readonly LoyaltyTill[],
  view: LoyaltyView,
  memberIds: readonly string[],
) {
  for (const t of tills) {
    for (const memberId of memberIds) {
      const doc = t.loyalty.members.get(memberId);
      const server = view.members.get(memberId);
      if (!doc || !server) fail('balance-rule', `till ${t.index + 1} has no replica of member ${memberId}`);
      const shown = t.loyalty.shown(doc, memberId, t.terminalId, t.journal);
      if (shown !== server.balance)
        fail(
          'balance-rule',
          `after healing, till ${t.index + 1} shows member ${memberId} ${shown} points, the server has ${server.balance}`,
        );
    }
  }
}
