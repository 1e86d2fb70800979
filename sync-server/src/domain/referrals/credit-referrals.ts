import { referralsOf, type ReferralRow } from '../../storage/repos/referrals';
import type { MemberRecord } from '../../storage/repos/members';
import type { Storage, StorageTx } from '../../storage/storage';
import { DEFAULT_FOLD_CONFIG } from '../projections/default-projections';
import type { FoldConfig } from '../projections/projection';
import { actionEventId, appendLoyaltyAction } from '../server-stream/loyalty-action';
import { lockServerStream } from '../server-stream/lock';

/** Referrals looked at per transaction. */
const PAGE = 100;

export interface ReferralCredits {
  /** Referrals whose referee has bought: both sides were evaluated, and the referral is done. */
  credited: number;
  /** Of those, the actions that earned points (a limit reached earns nothing, and still counts as done). */
  earning: number;
}

/** The idempotency keys of the two actions: derived from the referee, so each happens once, ever. */
export const refereeKey = (refereeId: string): string => `referee-first-purchase:${refereeId}`;
export const referrerKey = (refereeId: string): string => `referral:${refereeId}`;

/**
 * Rewards both sides of each referral whose referee has made their first purchase (the ledger's
 * folded purchase count is no longer 0; the sale may come from any till): the server appends two
 * `loyalty-action` events to its own stream, evaluated by the same engine as a till's basket with
 * each member's own counters and limits — `referee-first-purchase` for the referee (ref: the
 * referrer) and `referral` for the referrer (ref: the referee) — and marks the referral credited,
 * all in one transaction holding the stream's lock. Exactly once: the pending rows are read under
 * the lock, and the events' ids derive from the referee (a second run finds them and writes
 * nothing). The actions happen at the referee's first visit, so rule limits count that day.
 *
 * Runs after every push (for the members the push's sales name) and with the ledger jobs (for all
 * pending referrals: a server killed between a push's commit and its credit catches up there).
 * It stays outside the push's transaction on purpose: the push is "accept, then project" and the
 * projections' cursors must not append to another stream mid-fold; a credit is a server decision
 * on folded figures, like the jobs'.
 */
export async function creditReferrals(
  storage: Storage,
  now: number,
  config: FoldConfig = DEFAULT_FOLD_CONFIG,
  referees?: readonly string[],
): Promise<ReferralCredits> {
  const out: ReferralCredits = { credited: 0, earning: 0 };
  const only = referees === undefined ? undefined : [...new Set(referees)];
  // Most pushes name no pending referee: one read, outside a transaction (a begin and a commit
  // are two more round trips on PostgreSQL), before anything takes the stream's lock. A referral
  // committed after this read is credited by the next push of its referee or the ledger jobs.
  if ((await referralsOf(storage.db).pending('', 1, only)).length === 0) return out;
  let after = '';
  for (;;) {
    const last = await storage.transaction(async (tx) => {
      const repo = referralsOf(tx.db);
      if ((await repo.pending(after, 1, only)).length === 0) return undefined;
      await lockServerStream(tx);
      const page = await repo.pending(after, PAGE, only);
      for (const r of page) await creditOne(tx, r, now, config, out);
      return page.length < PAGE ? undefined : (page[page.length - 1] as ReferralRow).refereeId;
    });
    if (last === undefined) return out;
    after = last;
  }
}

async function creditOne(
  tx: StorageTx,
  r: ReferralRow,
  now: number,
  config: FoldConfig,
  out: ReferralCredits,
): Promise<void> {
  const referee = await tx.members.get(r.refereeId);
  if (!referee || referee.counters.purchaseCount < 1) return;
  // The first visit's moment (visits are kept newest last); the credit's own moment if none is kept.
  const at = referee.counters.visits[0]?.at ?? now;
  const referrer = await tx.members.get(r.referrerId);
  const actions: [MemberRecord | undefined, Parameters<typeof appendLoyaltyAction>[2]][] = [
    [
      referee,
      {
        eventId: actionEventId(refereeKey(r.refereeId)),
        type: 'referee-first-purchase',
        ref: r.referrerId,
        key: refereeKey(r.refereeId),
        at,
        channel: 'store',
      },
    ],
    [
      referrer,
      {
        eventId: actionEventId(referrerKey(r.refereeId)),
        type: 'referral',
        ref: r.refereeId,
        key: referrerKey(r.refereeId),
        at,
        channel: 'store',
      },
    ],
  ];
  for (const [member, action] of actions) {
    if (!member) continue; // a referrer HQ removed: the referee is still welcomed
    const [done] = await tx.journal.byIds('hq', [action.eventId]);
    if (done) continue;
    const done2 = await appendLoyaltyAction(tx, member, action, now, config);
    // A member whose home store is unknown: the referral stays pending (what was appended stays).
    if (!done2.ok) return;
    if (done2.value.points > 0) out.earning++;
  }
  await referralsOf(tx.db).markCredited(r.refereeId, now);
  out.credited++;
}
