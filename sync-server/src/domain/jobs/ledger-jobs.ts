import { JOURNAL_BOUNDS as B } from '../../../../core/journal/bounds';
import { ALL_STORES } from '../../../../core/journal/server-events';
import { computeTier, type TierHistoryEntry } from '../../../../core/rules/tiers';
import { instantOfLocal, localTime } from '../../../../core/rules/local-time';
import { businessDayOf } from '../../../../core/store/store-settings';
import type { Program } from '../../../../core/rules/schema/program';
import type { TierLadder } from '../../../../core/rules/schema/tier-ladder';
import { EXPIRY_PREFIX, type LedgerRow } from '../../storage/repos/ledger';
import type { MemberRecord } from '../../storage/repos/members';
import { tierChangesOf, type TierChange } from '../../storage/repos/tier-changes';
import type { Storage } from '../../storage/storage';
import { DEFAULT_FOLD_CONFIG } from '../projections/default-projections';
import type { FoldConfig } from '../projections/projection';
import { createProgramVersions } from '../projections/program-versions';
import { appendServerEvents } from '../server-stream/append';
import { idFromSeed } from '../server-stream/ids';
import { lockServerStream } from '../server-stream/lock';
import { creditReferrals } from '../referrals/credit-referrals';

/** Members per transaction for expiry and tiers. */
const MEMBER_PAGE = 200;

export interface LedgerJobsOutcome {
  /** Rows posted, and the points-posted events that did it. */
  posted: { rows: number; events: number };
  /** Lots closed (some with 0 left), the points that expired, and the points-expired events. */
  expired: { lots: number; points: number; events: number };
  /** Members whose tier changed. */
  tiers: { changed: number };
  /** Referrals whose referee bought, credited here rather than after their push (domain/referrals). */
  referrals: { credited: number };
  foldFailures: number;
}

/**
 * The ledger's jobs at a moment `at` (the clock is the caller's: the server's hourly timer, or
 * `kassa-server jobs run --at`), each step on the server's own journal stream so the ledger stays
 * a fold of the journal:
 *
 *  1. posting — pending rows whose return window ended (available_at ≤ at) become spendable: one
 *     `points-posted` event per ≤ 1,000 rows;
 *  2. expiry — lots (earning rows) whose expiry came (expires_at ≤ at) expire what is left of
 *     them, first in first out: per member, spending and earlier expiries consume the oldest lots
 *     first; a `points-expired` event per ≤ 1,000 lots;
 *  3. tiers — for every program with a tier ladder, each member in its scope gets the tier their
 *     points or spend EARNED in the ladder's window qualify for (never the balance); each change
 *     is recorded in tier_changes in the same transaction (the tier movements report reads it);
 *  4. referrals — both sides of a referral whose referee has bought and was not credited after
 *     their push (a server killed in between) are credited (domain/referrals/credit-referrals.ts).
 *
 * Idempotent: a second run at the same `at` finds nothing pending, no lot open and every tier
 * right, and writes nothing.
 */
export async function runLedgerJobs(
  storage: Storage,
  at: number,
  config: FoldConfig = DEFAULT_FOLD_CONFIG,
): Promise<LedgerJobsOutcome> {
  const out: LedgerJobsOutcome = {
    posted: { rows: 0, events: 0 },
    expired: { lots: 0, points: 0, events: 0 },
    tiers: { changed: 0 },
    referrals: { credited: 0 },
    foldFailures: 0,
  };
  await postPending(storage, at, config, out);
  await expireLots(storage, at, config, out);
  await requalifyTiers(storage, at, out);
  out.referrals.credited = (await creditReferrals(storage, at, config)).credited;
  return out;
}

async function postPending(storage: Storage, at: number, config: FoldConfig, out: LedgerJobsOutcome) {
  // Keyset paging: a row that stays pending (its fold failed) is never read twice in one run.
  let after: { availableAt: number; entryId: string } | null = null;
  for (;;) {
    const page = await storage.transaction(async (tx) => {
      await lockServerStream(tx);
      const rows = await tx.ledger.pendingDue(at, after, B.maxServerBatch);
      if (rows.length === 0) return undefined;
      const { foldFailures } = await appendServerEvents(
        tx,
        [
          {
            id: idFromSeed(`points-posted:${rows.map((r) => r.entry_id).join('\n')}`),
            type: 'points-posted',
            storeId: ALL_STORES,
            createdAt: at,
            entries: rows.map((r) => ({
              entryId: r.entry_id,
              memberId: r.member_id as string,
              amount: r.amount,
            })),
          },
        ],
        at,
        config,
      );
      out.foldFailures += foldFailures;
      const last = rows[rows.length - 1] as LedgerRow;
      return { n: rows.length, after: { availableAt: last.available_at as number, entryId: last.entry_id } };
    });
    if (!page) return;
    out.posted.rows += page.n;
    out.posted.events++;
    after = page.after;
  }
}

/**
 * What is left of each of a member's lots, first in first out. Lots are the posted earning
 * 'points' rows, oldest first (created_at, then id); what consumes them is every spending row (a
 * negative 'points' row: points spent, points given to a cause) in the oldest lots first, after
 * what earlier expiries already took from each lot. Pending rows are not lots yet (nothing can
 * spend them); an overdraft leaves every lot empty.
 */
export function lotsLeft(rows: readonly LedgerRow[]): Map<string, number> {
  const expired = new Map<string, number>();
  let spent = 0;
  for (const r of rows) {
    if (r.account !== 'points') continue;
    if (r.entry_id.startsWith(EXPIRY_PREFIX)) expired.set(r.entry_id.slice(EXPIRY_PREFIX.length), -r.amount);
    else if (r.amount < 0) spent -= r.amount;
  }
  const left = new Map<string, number>();
  const lots = rows
    .filter((r) => r.account === 'points' && r.amount > 0 && r.status === 'posted')
    .sort((a, b) => a.created_at - b.created_at || (a.entry_id < b.entry_id ? -1 : 1));
  for (const lot of lots) {
    const available = Math.max(0, lot.amount - (expired.get(lot.entry_id) ?? 0));
    const consumed = Math.min(available, spent);
    spent -= consumed;
    left.set(lot.entry_id, available - consumed);
  }
  return left;
}

async function expireLots(storage: Storage, at: number, config: FoldConfig, out: LedgerJobsOutcome) {
  let afterMember = '';
  for (;;) {
    const page = await storage.transaction(async (tx) => {
      await lockServerStream(tx);
      const memberIds = await tx.ledger.membersWithDueLots(at, afterMember, MEMBER_PAGE);
      if (memberIds.length === 0) return undefined;
      const rows = await tx.ledger.pointsRowsOf(memberIds);
      const byMember = new Map<string, LedgerRow[]>();
      for (const r of rows)
        byMember.set(r.member_id as string, [...(byMember.get(r.member_id as string) ?? []), r]);
      const lots: { entryId: string; memberId: string; amount: number }[] = [];
      for (const memberId of memberIds) {
        const own = byMember.get(memberId) ?? [];
        const closed = new Set(
          own
            .filter((r) => r.entry_id.startsWith(EXPIRY_PREFIX))
            .map((r) => r.entry_id.slice(EXPIRY_PREFIX.length)),
        );
        const left = lotsLeft(own);
        for (const r of own) {
          if (r.expires_at === null || r.expires_at > at || closed.has(r.entry_id)) continue;
          if (r.amount <= 0 || r.status !== 'posted') continue;
          lots.push({ entryId: r.entry_id, memberId, amount: left.get(r.entry_id) ?? 0 });
        }
      }
      const drafts = [];
      for (let k = 0; k < lots.length; k += B.maxServerBatch) {
        const chunk = lots.slice(k, k + B.maxServerBatch);
        drafts.push({
          id: idFromSeed(`points-expired:${chunk.map((l) => l.entryId).join('\n')}`),
          type: 'points-expired' as const,
          storeId: ALL_STORES,
          createdAt: at,
          lots: chunk,
        });
      }
      const { foldFailures } = await appendServerEvents(tx, drafts, at, config);
      out.foldFailures += foldFailures;
      out.expired.lots += lots.length;
      out.expired.points += lots.reduce((s, l) => s + l.amount, 0);
      out.expired.events += drafts.length;
      return memberIds[memberIds.length - 1] as string;
    });
    if (page === undefined) return;
    afterMember = page;
  }
}

export interface Ladder {
  program: Program;
  ladder: TierLadder;
  currency: string;
}

/**
 * Each member's tier from the ladder of the program in scope of their home store (the highest
 * priority, then the lowest id, when several have one): computeTier over what they EARNED in the
 * window — 'points' rows of the ladder's currency (pending ones too: earned is earned), or the
 * spend of their visits. A calendar-year ladder keeps a tier earned last year for this whole year
 * (the usual "status for the rest of this year and the next"): the member has the higher of the
 * tier of last year's window and this year's so far, so the downgrade comes when a year ends
 * without the member re-qualifying. A rolling window ends now: the tier moves as earning leaves it.
 */
async function requalifyTiers(storage: Storage, at: number, out: LedgerJobsOutcome) {
  const ladders = await publishedLadders(storage);
  if (ladders.length === 0) return;
  const zones = new Map((await storage.stores.list()).map((s) => [s.storeId, s.timeZone]));
  let after = '';
  for (;;) {
    const next = await storage.transaction(async (tx) => {
      const members = await tx.members.page(after, MEMBER_PAGE);
      if (members.length === 0) return undefined;
      const inScope = members.flatMap((m) => {
        const l = ladderFor(ladders, m.homeStoreId);
        return l ? [{ m, l }] : [];
      });
      const rows = await tx.ledger.pointsRowsOf(inScope.map((x) => x.m.memberId));
      const earned = new Map<string, LedgerRow[]>();
      for (const r of rows) {
        if (r.amount > 0 && !r.entry_id.startsWith(EXPIRY_PREFIX))
          earned.set(r.member_id as string, [...(earned.get(r.member_id as string) ?? []), r]);
      }
      const changes: { memberId: string; tier: string }[] = [];
      const history: TierChange[] = [];
      for (const { m, l } of inScope) {
        const zone = zones.get(m.homeStoreId) ?? 'UTC';
        const tier = tierOf(m, l, earned.get(m.memberId) ?? [], at, zone);
        if (tier === m.tier) continue;
        changes.push({ memberId: m.memberId, tier });
        history.push({
          memberId: m.memberId,
          storeId: m.homeStoreId,
          businessDay: businessDayOf(at, zone),
          fromTier: m.tier,
          toTier: tier,
          fromRank: rankOn(l, m.tier),
          toRank: rankOn(l, tier),
          at,
          source: 'tier-job',
        });
      }
      await tx.members.setTiers(changes);
      // The history in the same transaction: a tier written is a movement recorded, or neither.
      await tierChangesOf(tx.db).record(history);
      out.tiers.changed += changes.length;
      return (members[members.length - 1] as MemberRecord).memberId;
    });
    if (next === undefined) return;
    after = next;
  }
}

export function tierOf(
  m: Pick<MemberRecord, 'counters'>,
  l: Ladder,
  earned: readonly Pick<LedgerRow, 'created_at' | 'amount' | 'unit'>[],
  at: number,
  timeZone: string,
): string {
  const history: TierHistoryEntry[] =
    l.ladder.basis === 'points'
      ? earned
          .filter((r) => r.unit === l.currency)
          .map((r) => ({ at: r.created_at, points: r.amount, spendCents: 0 }))
      : m.counters.visits.map((v) => ({ at: v.at, points: 0, spendCents: v.spendCents }));
  const now = computeTier(l.ladder, history, at, timeZone);
  if (l.ladder.window.type !== 'calendar-year') return now.tier;
  const yearStart = instantOfLocal(`${localTime(at, timeZone).year}-01-01`, timeZone);
  const lastYear = computeTier(l.ladder, history, yearStart - 1, timeZone);
  const rank = (name: string) => l.ladder.levels.findIndex((x) => x.name === name);
  return rank(lastYear.tier) > rank(now.tier) ? lastYear.tier : now.tier;
}

/** The ladder of the program in scope of a home store: the first of `ladders` (priority order) that covers it. */
export function ladderFor(ladders: readonly Ladder[], homeStoreId: string): Ladder | undefined {
  return ladders.find((x) => !x.program.scope?.stores || x.program.scope.stores.includes(homeStoreId));
}

/** A tier's place on a ladder (0 = first level); null for no tier or a name the ladder lacks. */
export function rankOn(l: Ladder | undefined, tier: string | null): number | null {
  const i = tier === null || !l ? -1 : l.ladder.levels.findIndex((x) => x.name === tier);
  return i < 0 ? null : i;
}

/** The newest live version of every program with a tier ladder, by priority (highest first), then id. */
export async function publishedLadders(storage: Storage): Promise<Ladder[]> {
  const versions = createProgramVersions();
  const newest = new Map<string, { programId: string; version: number }>();
  for (const p of await storage.programs.list()) {
    if (p.retiredAt !== null) continue;
    const held = newest.get(p.programId);
    if (!held || held.version < p.version) newest.set(p.programId, p);
  }
  const out: Ladder[] = [];
  await storage.transaction(async (tx) => {
    for (const { programId, version } of newest.values()) {
      const v = await versions.get(tx, programId, version);
      if (!v?.program.tiers || v.program.status !== 'active') continue;
      out.push({
        program: v.program,
        ladder: v.program.tiers,
        currency: v.program.pointsCurrency ?? 'points',
      });
    }
  });
  return out.sort(
    (a, b) => (b.program.priority ?? 0) - (a.program.priority ?? 0) || (a.program.id < b.program.id ? -1 : 1),
  );
}
