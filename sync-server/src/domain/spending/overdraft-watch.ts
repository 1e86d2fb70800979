import { overdraftWithinCap } from '../../../../core/loyalty/offline-policy';
import { SPEND_PROGRAM_ID } from '../../../../core/loyalty/spend-ids';
import { offlinePolicyOf } from '../../../../core/store/store-policy';
import {
  OverdraftsRepo,
  type OverdraftEpisode,
  type OverdraftEvent,
  type PointsRowBack,
} from '../../storage/repos/overdrafts';
import type { StorageTx } from '../../storage/storage';

/** How many events an overdraft lists, and how far back the walk reads a member's rows. */
const LISTED = 20;
const WALK_ROWS = 500;

/** A member's figures moved by an event that spent (or took back) points. */
export interface Observation {
  memberId: string;
  event: Omit<OverdraftEvent, 'points'>;
  /** Points this event spent or took back (0 when it spent none: it may only close an overdraft). */
  spent: number;
  /** How far below what the store allows the member was before and after it (≤ 0: not overdrawn). */
  shortBefore: number;
  shortAfter: number;
}

/**
 * Watches one fold batch for members taken below zero (DESIGN.md: an overdraft that reaches the
 * server is accepted — the sale happened — and raised). A member gets ONE `overdraft` exception per
 * time below zero: the event that crossed opens it with the spends that plausibly saw the same
 * points (walking back until the balance covered the crossing spend); later spends while still
 * below join it, and the exception's detail follows. Nothing is read unless a member is overdrawn.
 */
export function createOverdraftWatch() {
  const seen: Observation[] = [];
  return {
    observe(o: Observation): void {
      if (o.spent > 0 ? o.shortAfter > 0 : o.shortBefore > 0 && o.shortAfter <= 0) seen.push(o);
    },
    async flush(tx: StorageTx): Promise<void> {
      if (seen.length === 0) return;
      const repo = new OverdraftsRepo(tx.db);
      const byMember = new Map<string, Observation[]>();
      for (const o of seen.splice(0)) byMember.set(o.memberId, [...(byMember.get(o.memberId) ?? []), o]);
      for (const [memberId, list] of byMember) await settle(tx, repo, memberId, list);
    },
  };
}
export type OverdraftWatch = ReturnType<typeof createOverdraftWatch>;

async function settle(
  tx: StorageTx,
  repo: OverdraftsRepo,
  memberId: string,
  list: readonly Observation[],
): Promise<void> {
  let open: OverdraftEpisode | undefined | null = null; // null: not read yet
  let changed = false;
  let short = 0;
  for (const o of list) {
    if (o.shortAfter <= 0) {
      open = undefined; // back at or above zero: the overdraft is over
      changed = true;
      continue;
    }
    short = o.shortAfter;
    if (o.shortBefore > 0 && open === null) open = await repo.episode(memberId);
    if (o.shortBefore > 0 && open) {
      if (!open.events.some((e) => e.eventId === o.event.eventId))
        open.events = [...open.events, { ...o.event, points: o.spent }].slice(-LISTED);
    } else {
      // A refold folds one stream after another, so it may see the same overdraft cross at another
      // event: the exception that already lists this event is the same overdraft, and keeps every
      // event it listed.
      const adopted = await repo.exceptionListing(memberId, o.event.eventId);
      const events = union(adopted?.events ?? [], await walkBack(repo, memberId, o));
      open = {
        memberId,
        dedupeKey: adopted?.dedupeKey ?? `overdraft:${memberId}:${o.event.eventId}`,
        events,
        openedSeq: o.event.serverSeq,
      };
    }
    changed = true;
  }
  if (!changed) return;
  if (!open) return repo.close(memberId);
  await repo.save(open);
  await raise(tx, repo, open, short);
}

async function raise(tx: StorageTx, repo: OverdraftsRepo, e: OverdraftEpisode, points: number) {
  const first = e.events[0] as OverdraftEvent;
  const store = await tx.stores.get(first.storeId);
  const policy = offlinePolicyOf(store ?? {});
  const tills = new Set(e.events.map((x) => x.terminalId)).size;
  const withinCap = overdraftWithinCap({ policy, overdraftPoints: points, tills });
  const sales = e.events.map((x) => `${x.eventId} (${x.terminalId} seq ${x.seq})`).join(', ');
  const message = `Member ${e.memberId} is ${points} points below zero: ${e.events.length} event(s) spent the same points — ${sales}; ${withinCap ? 'within' : 'above'} what the offline policy allows.`;
  const detail = JSON.stringify({ memberId: e.memberId, points, withinCap, tills, events: e.events });
  const inserted = await tx.exceptions.insert({
    kind: 'overdraft',
    terminalId: first.terminalId,
    storeId: first.storeId,
    eventId: first.eventId,
    seq: first.seq,
    message,
    detail,
    detectedAt: (e.events[e.events.length - 1] as OverdraftEvent).createdAt,
    dedupeKey: e.dedupeKey,
    // Issue 10: the shortfall a manager writes off or claws back, on this member.
    memberId: e.memberId,
    pointsAtStake: points,
    events: e.events.map((x) => ({ terminalId: x.terminalId, eventId: x.eventId })),
  });
  if (!inserted) {
    await repo.updateException(e.dedupeKey, message, detail);
    await tx.exceptions.setPointsAtStake(e.dedupeKey, points);
  }
}

/**
 * The crossing event and the spends before it back to where the balance covered the crossing
 * spend (the balance its till plausibly saw): two offline tills spending the same 500 of 600 points
 * give both sales. Oldest first.
 */
async function walkBack(repo: OverdraftsRepo, memberId: string, o: Observation): Promise<OverdraftEvent[]> {
  const rows = await repo.pointsRowsBack(memberId, o.event.serverSeq, WALK_ROWS);
  const groups: PointsRowBack[][] = [];
  for (const r of rows) {
    const last = groups[groups.length - 1];
    if (last && last[0]?.server_seq === r.server_seq) last.push(r);
    else groups.push([r]);
  }
  const crossing: OverdraftEvent = { ...o.event, points: o.spent };
  const out: OverdraftEvent[] = [crossing];
  // The balance after the crossing event, unwound one event at a time.
  let balance = -o.shortAfter;
  for (const g of groups) {
    const head = g[0] as PointsRowBack;
    balance -= g.filter((r) => r.status === 'posted').reduce((s, r) => s + r.amount, 0);
    if (head.server_seq === o.event.serverSeq) continue;
    const spent = g.filter(isSpend).reduce((s, r) => s - r.amount, 0);
    if (spent > 0) {
      out.push({
        eventId: eventIdOf(head.entry_id),
        terminalId: head.terminal_id,
        storeId: head.store_id,
        seq: head.seq,
        serverSeq: head.server_seq,
        createdAt: head.created_at,
        points: spent,
      });
    }
    if (balance >= o.spent || out.length >= LISTED) break;
  }
  return out.reverse();
}

/** Both lists' events once each, in the order they reached the server (the last LISTED). */
function union(a: readonly OverdraftEvent[], b: readonly OverdraftEvent[]): OverdraftEvent[] {
  const byId = new Map<string, OverdraftEvent>();
  for (const e of [...a, ...b]) byId.set(e.eventId, e);
  return [...byId.values()].sort((x, y) => x.serverSeq - y.serverSeq).slice(-LISTED);
}

const isSpend = (r: PointsRowBack) =>
  r.amount < 0 && (r.program_id === SPEND_PROGRAM_ID || r.entry_id.includes('/transfer/from'));

/** Every id of a till's ledger row starts with its event's id (core/loyalty/spend-ids.ts). */
const eventIdOf = (entryId: string): string => entryId.split('/')[0] as string;
