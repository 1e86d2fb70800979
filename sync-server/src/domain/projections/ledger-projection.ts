import {
  figuresAfterAction,
  figuresAfterExpiry,
  figuresAfterPosting,
  figuresAfterSale,
  type MemberFigures,
} from '../../../../core/folds/member-figures';
import type { LoyaltyEntry, SaleEvent } from '../../../../core/journal/sale-event';
import {
  SERVER_TERMINAL_ID,
  type LoyaltyActionEvent,
  type PointsClaimedEvent,
  type PointsExpiredEvent,
  type PointsPostedEvent,
  type ServerEvent,
} from '../../../../core/journal/server-events';
import { localTime } from '../../../../core/rules/local-time';
import { expiryEntryId, type LedgerRow } from '../../storage/repos/ledger';
import type { MemberRecord } from '../../storage/repos/members';
import type { StorageTx } from '../../storage/storage';
import { createMemberSnapshots, type MemberSnapshots } from './member-snapshots';
import type { ProgramVersions } from './program-versions';
import type { FoldInput, Projection } from './projection';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Touched {
  figures: MemberFigures;
  stores: Set<string>;
  seenAt: Map<string, number>;
  /** The home store's zone: earned points are counted by month in it, as the tier job reads them. */
  homeZone: string;
}

/**
 * The points ledger and each member's folded figures (DESIGN.md "The ledger"): every loyalty row
 * a sale carries becomes one ledger row keyed by its deterministic id, so a retry, a refold or a
 * duplicate push never adds one; the member's balance, pending points, lifetime earned, counters
 * and appliedThrough move with the rows that were new. An earning row of a program with a return
 * window is pending until it ends (store-local days: the window ends at the same wall-clock time,
 * across a DST change too). A sale of a provisional member (a card the till did not know offline)
 * is booked on the member the card belongs to when the server knows it; otherwise its rows wait
 * under the card. A batch reads and writes each member once.
 *
 * From the server's own stream (terminalId `hq`, never a till's): `loyalty-action` books the rows
 * the server's evaluation stored in the event (no purchase, no visit); `points-posted` turns
 * pending rows posted (balance up, pending down); `points-expired` adds one row per lot,
 * `expired:<lot>`, with what was left of it, negative (balance down).
 */
export function createLedgerProjection(
  versions: ProgramVersions,
  snapshots: MemberSnapshots = createMemberSnapshots(),
): Projection {
  return {
    name: 'ledger',
    reads: 'events',
    // Sales with loyalty, and the server stream's loyalty events (their type is not a sale's).
    wants: (e) => e.type !== 'sale' || e.loyalty !== null,
    async fold(tx, inputs) {
      const touched = new Map<string, Touched>();
      const zones = new Map<string, string>();
      const zoneOf = async (storeId: string): Promise<string> => {
        let z = zones.get(storeId);
        if (z === undefined) zones.set(storeId, (z = (await tx.stores.get(storeId))?.timeZone ?? 'UTC'));
        return z;
      };
      // The batch's members in one read (a member a provisional card names is read by card).
      const prefetched = await snapshots.read(
        tx,
        inputs.flatMap((i) =>
          i.event?.type === 'sale' && i.event.loyalty?.memberId ? [i.event.loyalty.memberId] : [],
        ),
      );
      const stateOf = async (memberId: string, known?: MemberRecord): Promise<Touched | undefined> => {
        let state = touched.get(memberId);
        if (!state) {
          const member = known ?? prefetched.get(memberId) ?? (await tx.members.get(memberId));
          if (!member) return undefined; // an id this server does not know: the rows wait in the ledger
          const homeZone = await zoneOf(member.homeStoreId);
          state = { figures: member, stores: new Set(), seenAt: new Map(), homeZone };
          touched.set(memberId, state);
        }
        return state;
      };
      // A sale's rows wait for the batch's one insert, and its figures for the rows that were new,
      // in serverSeq order: a server event first flushes what came before it (it reads those rows).
      const queued: { rows: LedgerRow[]; then: (fresh: Set<string>) => Promise<void> }[] = [];
      const flush = async () => {
        const batch = queued.splice(0);
        const owner = new Map<string, LedgerRow>();
        for (const r of batch.flatMap((q) => q.rows)) if (!owner.has(r.entry_id)) owner.set(r.entry_id, r);
        const inserted = await tx.ledger.insertMany([...owner.values()]);
        // An id two sales of the batch list is new for the first only, as if pushed one by one.
        for (const q of batch)
          await q.then(new Set(q.rows.flatMap((r) => (inserted.delete(r.entry_id) ? [r.entry_id] : []))));
      };
      for (const i of inputs) {
        const server = serverEventOf(i);
        if (server) {
          await flush();
          // A claimed receipt's rows count like an action's (no till's visit, no appliedThrough).
          if (server.type === 'loyalty-action' || server.type === 'points-claimed')
            await foldAction(tx, versions, i, server, zoneOf, stateOf);
          else if (server.type === 'points-posted') await foldPosted(tx, server, stateOf);
          else await foldExpired(tx, i, server, stateOf);
          continue;
        }
        if (i.event?.type !== 'sale' || !i.event.loyalty) continue;
        const sale: SaleEvent = i.event;
        const loyalty = i.event.loyalty;
        if (loyalty.ledger.length === 0 && loyalty.memberId === null && loyalty.provisionalCard === null)
          continue;
        const byCard = loyalty.provisionalCard ? await tx.members.byCard(loyalty.provisionalCard) : undefined;
        const memberId = loyalty.memberId ?? byCard?.memberId ?? null;
        const timing = await timingOf(
          tx,
          versions,
          loyalty.programs,
          sale.createdAt,
          await zoneOf(sale.storeId),
        );
        const entries = onceEach(loyalty.ledger);
        const rows = entries.map((e) =>
          rowOf(e, timing(e), {
            memberId,
            provisionalCard: loyalty.provisionalCard,
            serverSeq: i.serverSeq,
            event: sale,
          }),
        );
        queued.push({
          rows,
          then: async (fresh) => {
            if (memberId === null) return;
            const state = await stateOf(memberId, byCard?.memberId === memberId ? byCard : undefined);
            if (!state) return;
            state.figures = figuresAfterSale(
              state.figures,
              sale,
              entries.filter((e) => fresh.has(e.id)).map((e) => ({ ...e, pending: timing(e).pending })),
              state.homeZone,
            );
            state.stores.add(sale.storeId);
            state.seenAt.set(sale.storeId, Math.max(state.seenAt.get(sale.storeId) ?? 0, sale.createdAt));
          },
        });
      }
      await flush();
      await tx.members.markSeenMany(
        [...touched].flatMap(([memberId, s]) =>
          [...s.seenAt].map(([storeId, at]) => ({ memberId, storeId, at })),
        ),
      );
      snapshots.forget(tx, touched.keys());
      await tx.members.setFiguresMany(
        [...touched].map(([memberId, s]) => ({ memberId, figures: s.figures, storeIds: [...s.stores] })),
      );
    },
    async reset(tx) {
      snapshots.forget(tx);
      await tx.ledger.reset();
      await tx.members.resetFigures();
    },
  };
}

type StateOf = (memberId: string) => Promise<Touched | undefined>;

/** An event of the server's own stream; a till's event of such a type is never one (defence in depth). */
function serverEventOf(i: FoldInput): ServerEvent | undefined {
  const e = i.event as unknown as ServerEvent | undefined;
  if (!e || i.envelope.terminalId !== SERVER_TERMINAL_ID) return undefined;
  return e.type === 'loyalty-action' ||
    e.type === 'points-claimed' ||
    e.type === 'points-posted' ||
    e.type === 'points-expired'
    ? e
    : undefined;
}

async function foldAction(
  tx: StorageTx,
  versions: ProgramVersions,
  i: FoldInput,
  action: LoyaltyActionEvent | PointsClaimedEvent,
  zoneOf: (storeId: string) => Promise<string>,
  stateOf: StateOf,
): Promise<void> {
  const programs = [
    ...new Map(
      action.ledger.map((e) => [
        `${e.programId}@${e.programVersion}`,
        { programId: e.programId, version: e.programVersion },
      ]),
    ).values(),
  ];
  const timing = await timingOf(tx, versions, programs, action.createdAt, await zoneOf(action.storeId));
  const entries = onceEach(action.ledger);
  const fresh = await tx.ledger.insertMany(
    entries.map((e) =>
      rowOf(e, timing(e), {
        memberId: action.memberId,
        provisionalCard: null,
        serverSeq: i.serverSeq,
        event: action,
      }),
    ),
  );
  const state = await stateOf(action.memberId);
  if (!state) return;
  state.figures = figuresAfterAction(
    state.figures,
    action,
    entries.filter((e) => fresh.has(e.id)).map((e) => ({ ...e, pending: timing(e).pending })),
    state.homeZone,
  );
  state.stores.add(action.storeId);
}

async function foldPosted(tx: StorageTx, posted: PointsPostedEvent, stateOf: StateOf): Promise<void> {
  // Only rows that were still pending move: a refold or a second posting never counts one twice.
  const rows = await tx.ledger.post(posted.entries.map((e) => e.entryId));
  for (const r of rows) {
    if (r.member_id === null || r.account !== 'points') continue;
    const state = await stateOf(r.member_id);
    if (state) state.figures = figuresAfterPosting(state.figures, r.amount);
  }
}

async function foldExpired(
  tx: StorageTx,
  i: FoldInput,
  expired: PointsExpiredEvent,
  stateOf: StateOf,
): Promise<void> {
  const lots = new Map(
    (await tx.ledger.byIds(expired.lots.map((l) => l.entryId))).map((r) => [r.entry_id, r]),
  );
  const rows: LedgerRow[] = [];
  for (const l of expired.lots) {
    const lot = lots.get(l.entryId);
    rows.push({
      entry_id: expiryEntryId(l.entryId),
      member_id: l.memberId,
      provisional_card: null,
      server_seq: i.serverSeq,
      terminal_id: expired.terminalId,
      store_id: expired.storeId,
      seq: expired.seq,
      account: 'points',
      unit: lot?.unit ?? 'points',
      amount: -l.amount,
      program_id: lot?.program_id ?? 'expiry',
      program_version: lot?.program_version ?? 1,
      rule_id: 'expiry',
      text: lot
        ? `Expired: ${l.amount} of the ${lot.amount} ${lot.unit} earned on ${new Date(lot.created_at).toISOString().slice(0, 10)}`
        : `Expired: ${l.amount}`,
      created_at: expired.createdAt,
      status: 'posted',
      available_at: null,
      expires_at: null,
    });
  }
  const fresh = await tx.ledger.insertMany(rows);
  for (const l of expired.lots) {
    if (!fresh.has(expiryEntryId(l.entryId)) || l.amount === 0) continue;
    const state = await stateOf(l.memberId);
    if (state) state.figures = figuresAfterExpiry(state.figures, l.amount);
  }
}

function rowOf(
  e: LoyaltyEntry,
  t: { pending: boolean; availableAt: number | null; expiresAt: number | null },
  o: {
    memberId: string | null;
    provisionalCard: string | null;
    serverSeq: number;
    event: { terminalId: string; storeId: string; seq: number; createdAt: number };
  },
): LedgerRow {
  return {
    entry_id: e.id,
    member_id: o.memberId,
    provisional_card: o.provisionalCard,
    server_seq: o.serverSeq,
    terminal_id: o.event.terminalId,
    store_id: o.event.storeId,
    seq: o.event.seq,
    account: e.account,
    unit: e.unit,
    amount: e.amount,
    program_id: e.programId,
    program_version: e.programVersion,
    rule_id: e.ruleId,
    text: e.text,
    created_at: o.event.createdAt,
    status: t.pending ? 'pending' : 'posted',
    available_at: t.availableAt,
    expires_at: t.expiresAt,
  };
}

/**
 * When each row becomes spendable and when it expires, by its program version's settings, in the
 * store's calendar: `pendingDays` later at the same wall-clock time, `expiresAfterMonths` later on
 * the same day of the month (the 31st becomes the month's last day) at the same wall-clock time.
 */
async function timingOf(
  tx: StorageTx,
  versions: ProgramVersions,
  programs: readonly { programId: string; version: number }[],
  createdAt: number,
  timeZone: string,
) {
  const settings = new Map<string, { pendingDays?: number; expiresAfterMonths?: number }>();
  for (const { programId, version } of programs) {
    const v = await versions.get(tx, programId, version);
    if (v) settings.set(`${programId}@${version}`, v.program);
  }
  const memo = new Map<string, { pending: boolean; availableAt: number | null; expiresAt: number | null }>();
  return (e: { programId: string; programVersion: number; account: string; amount: number }) => {
    const s = settings.get(`${e.programId}@${e.programVersion}`);
    const earns = e.account === 'points' && e.amount > 0;
    const days = earns ? (s?.pendingDays ?? 0) : 0;
    const months = earns ? (s?.expiresAfterMonths ?? 0) : 0;
    const key = `${days}/${months}`;
    let t = memo.get(key);
    if (!t) {
      t = {
        pending: days > 0,
        availableAt: days > 0 ? shiftLocal(createdAt, timeZone, 0, days) : null,
        expiresAt: months > 0 ? shiftLocal(createdAt, timeZone, months, 0) : null,
      };
      memo.set(key, t);
    }
    return t;
  };
}

/** Local wall clock as if it were UTC, minus the instant: the zone's offset at `at`, in ms. */
function offsetAt(at: number, timeZone: string): number {
  const l = localTime(at, timeZone);
  const minute = Math.floor(at / 60_000) * 60_000;
  return Date.UTC(l.year, l.month - 1, l.day, Math.floor(l.minutes / 60), l.minutes % 60) - minute;
}

/**
 * The instant `months` and `days` later on the store's calendar at the same wall-clock time. Two or
 * three zone look-ups, no search: the fold stays fast. A wall-clock time the DST change skips maps
 * to the instant an hour on (02:30 → 03:30 CEST).
 */
export function shiftLocal(at: number, timeZone: string, months: number, days: number): number {
  const offset = offsetAt(at, timeZone);
  const wall = new Date(at + offset);
  const target = new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(wall.getUTCDate(), last) + days);
  const targetWall = target.getTime() + ((((at + offset) % DAY_MS) + DAY_MS) % DAY_MS);
  const guess = targetWall - offset;
  return targetWall - offsetAt(guess, timeZone);
}

/** A ledger entry id listed twice in one event is one row, booked once (the first listing counts). */
function onceEach<E extends { id: string }>(entries: readonly E[]): E[] {
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.id) && (seen.add(e.id), true));
}
