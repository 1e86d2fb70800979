import {
  figuresAfterAction,
  figuresAfterExpiry,
  figuresAfterPosting,
  figuresAfterSale,
  type MemberFigures,
} from '../../../../core/folds/member-figures';
import type { SaleEvent } from '../../../../core/journal/sale-event';
import { SPEND_PROGRAM_ID } from '../../../../core/loyalty/spend-ids';
import { offlinePolicyOf, type OfflinePolicy } from '../../../../core/store/store-policy';
import {
  SERVER_TERMINAL_ID,
  type LoyaltyActionEvent,
  type PointsClaimedEvent,
  type PointsExpiredEvent,
  type PointsPostedEvent,
  type ServerEvent,
} from '../../../../core/journal/server-events';
import type { AdjustmentEvent } from '../../../../core/journal/adjustment-event';
import { expiryEntryId, type LedgerRow } from '../../storage/repos/ledger';
import type { MemberRecord } from '../../storage/repos/members';
import { OverdraftsRepo } from '../../storage/repos/overdrafts';
import { createOverdraftWatch } from '../spending/overdraft-watch';
import { legsOf, type LegEvent } from './ledger-legs';
import type { StorageTx } from '../../storage/storage';
import { createMemberSnapshots, type MemberSnapshots } from './member-snapshots';
import type { ProgramVersions } from './program-versions';
import { onceEach, rowOf, timingOf } from './ledger-rows';
import type { FoldInput, Projection } from './projection';

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
 *
 * Spending (issue 9): a sale's spends are its negative rows of SPEND_PROGRAM_ID (never pending,
 * never earned); a return's rows and a points transfer's two rows (from a till or from `hq`) are
 * folded the same way, once by their ids (ledger-legs.ts). A member a spend (or a return beyond
 * the policy) takes below zero gets one `overdraft` exception (spending/overdraft-watch.ts).
 *
 * Issue 10: a manager's `adjustment` (hq) books its `ledger` rows (program `kassa-adjust`) on the
 * exception's member like a loyalty action's, so balance = Σ ledger holds after a write-off.
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
      const watch = createOverdraftWatch();
      const stores = new Map<string, { zone: string; policy: OfflinePolicy }>();
      const storeOf = async (storeId: string) => {
        let z = stores.get(storeId);
        if (z === undefined) {
          const s = await tx.stores.get(storeId);
          stores.set(storeId, (z = { zone: s?.timeZone ?? 'UTC', policy: offlinePolicyOf(s ?? {}) }));
        }
        return z;
      };
      const zoneOf = async (storeId: string): Promise<string> => (await storeOf(storeId)).zone;
      // The batch's members in one read (a member a provisional card names is read by card),
      // and those its returns and transfers name (else one read per return of an earlier sale).
      const prefetched = await snapshots.read(
        tx,
        inputs.flatMap((i) => namedMembers(i.event)),
      );
      const stateOf = async (memberId: string, known?: MemberRecord): Promise<Touched | undefined> => {
        let state = touched.get(memberId);
        if (!state) {
          const member =
            known ?? prefetched.get(memberId) ?? (await tx.members.get(memberId, { lock: true }));
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
      // A return's or a transfer's rows, member by member, queued like a sale's.
      const queueLegs = async (i: FoldInput, e: LegEvent) => {
        const { programs, legs } = legsOf(e);
        if (legs.length === 0) return;
        const { zone, policy } = await storeOf(e.storeId);
        const timing = await timingOf(tx, versions, programs, e.createdAt, zone);
        for (const leg of legs) {
          const byCard =
            leg.memberId === null && leg.provisionalCard
              ? await tx.members.byCard(leg.provisionalCard, { lock: true })
              : undefined;
          const memberId = leg.memberId ?? byCard?.memberId ?? null;
          const entries = onceEach(leg.entries);
          const at = { memberId, provisionalCard: leg.provisionalCard, serverSeq: i.serverSeq, event: e };
          queued.push({
            rows: entries.map((x) => rowOf(x, timing(x), at)),
            then: async (fresh) => {
              const state = memberId === null ? undefined : await stateOf(memberId, byCard);
              if (!state || memberId === null) return;
              const before = state.figures;
              const rows = entries
                .filter((x) => fresh.has(x.id))
                .map((x) => ({ ...x, pending: timing(x).pending }));
              state.figures = leg.apply(before, rows);
              state.stores.add(e.storeId);
              watch.observe({
                memberId,
                event: eventOf(i, e),
                spent: leg.spentBy(rows),
                shortBefore: leg.shortOf(before, policy),
                shortAfter: leg.shortOf(state.figures, policy),
              });
            },
          });
        }
      };
      for (const i of inputs) {
        if (i.event?.type === 'return' || i.event?.type === 'points-transfer') {
          await queueLegs(i, i.event);
          continue;
        }
        const server = serverEventOf(i);
        if (server) {
          await flush();
          // A claimed receipt's rows count like an action's (no till's visit, no appliedThrough).
          if (server.type === 'loyalty-action' || server.type === 'points-claimed')
            await foldAction(tx, versions, i, server, zoneOf, stateOf);
          else if (server.type === 'adjustment') {
            if (server.memberId !== null && server.ledger.length > 0)
              await foldAction(tx, versions, i, { ...server, memberId: server.memberId }, zoneOf, stateOf);
          } else if (server.type === 'points-posted') await foldPosted(tx, server, stateOf);
          else await foldExpired(tx, i, server, stateOf);
          continue;
        }
        if (i.event?.type !== 'sale' || !i.event.loyalty) continue;
        const sale: SaleEvent = i.event;
        const loyalty = i.event.loyalty;
        if (loyalty.ledger.length === 0 && loyalty.memberId === null && loyalty.provisionalCard === null)
          continue;
        const byCard = loyalty.provisionalCard
          ? await tx.members.byCard(loyalty.provisionalCard, { lock: true })
          : undefined;
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
            const before = state.figures.balance;
            const newRows = entries
              .filter((e) => fresh.has(e.id))
              .map((e) => ({ ...e, pending: timing(e).pending }));
            state.figures = figuresAfterSale(state.figures, sale, newRows, state.homeZone);
            const spent = newRows.reduce(
              (s, r) =>
                r.programId === SPEND_PROGRAM_ID && r.account === 'points' && r.amount < 0 ? s - r.amount : s,
              0,
            );
            if (spent > 0 || before < 0)
              watch.observe({
                memberId,
                event: eventOf(i, sale),
                spent,
                shortBefore: -before,
                shortAfter: -state.figures.balance,
              });
            state.stores.add(sale.storeId);
            state.seenAt.set(sale.storeId, Math.max(state.seenAt.get(sale.storeId) ?? 0, sale.createdAt));
          },
        });
      }
      await flush();
      await watch.flush(tx);
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
      await new OverdraftsRepo(tx.db).reset();
      await tx.members.resetFigures();
    },
  };
}

type StateOf = (memberId: string) => Promise<Touched | undefined>;

/** The members a till's event books rows on, read defensively (a leaner shape names none). */
function namedMembers(e: FoldInput['event']): string[] {
  if (e?.type === 'sale' || e?.type === 'return') return e.loyalty?.memberId ? [e.loyalty.memberId] : [];
  if (e?.type !== 'points-transfer') return [];
  const from = e.loyalty?.memberId ?? e.fromMemberId;
  const to = e.receiver?.memberId;
  return [...(from ? [from] : []), ...(to ? [to] : [])];
}

/** The event as an overdraft lists it. */
const eventOf = (
  i: FoldInput,
  e: { id: string; terminalId: string; storeId: string; seq: number; createdAt: number },
) => ({
  eventId: e.id,
  terminalId: e.terminalId,
  storeId: e.storeId,
  seq: e.seq,
  serverSeq: i.serverSeq,
  createdAt: e.createdAt,
});

/** An event of the server's own stream; a till's event of such a type is never one (defence in depth). */
function serverEventOf(i: FoldInput): ServerEvent | AdjustmentEvent | undefined {
  const e = i.event as unknown as ServerEvent | AdjustmentEvent | undefined;
  if (!e || i.envelope.terminalId !== SERVER_TERMINAL_ID) return undefined;
  return e.type === 'loyalty-action' ||
    e.type === 'adjustment' ||
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
  action: LoyaltyActionEvent | PointsClaimedEvent | (AdjustmentEvent & { memberId: string }),
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
