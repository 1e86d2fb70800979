import { figuresAfterSale } from '../../../../core/folds/member-figures';
import type { LoyaltyEntry, SaleEvent } from '../../../../core/journal/sale-event';
import { SPEND_PROGRAM_ID } from '../../../../core/loyalty/spend-ids';
import { rulesMemberOf } from '../../../../core/loyalty/rules-member';
import { basketFromSale } from '../../../../core/rules/from-sale';
import { evaluate } from '../../../../core/rules/evaluate';
import type { StorageTx } from '../../storage/storage';
import { createMemberSnapshots, type MemberSnapshots } from './member-snapshots';
import type { ProgramVersions } from './program-versions';
import type { Projection } from './projection';

/** How many differing ledger rows an exception lists (the count is always complete). */
const LISTED = 20;

/**
 * The server re-evaluates every sale with loyalty, with the program versions the till used, and
 * raises `rule-drift` when its ledger rows differ from the till's (the till's result stands until
 * a manager decides), or `program-version-unknown` when a version was never published here. It
 * runs before the ledger projection, so the member is seen as the till saw them: before this sale.
 * A member's later sale in the same batch is re-evaluated against the member as of just before it
 * (their earlier sales of the batch folded in, in journal order, as the ledger will fold them), so
 * a till's queued sales pushed together are judged as if pushed one by one. A batch reads its
 * stores, products and members once.
 */
export function createRuleDriftProjection(
  versions: ProgramVersions,
  snapshots: MemberSnapshots = createMemberSnapshots(),
): Projection {
  return {
    name: 'rule-drift',
    reads: 'events',
    wants: (e) => e.type === 'sale' && e.loyalty !== null,
    async fold(tx, inputs) {
      const sales = inputs.flatMap((i) => (i.event?.type === 'sale' && i.event.loyalty ? [i.event] : []));
      if (sales.length === 0) return;
      const storeIds = [...new Set(sales.map((s) => s.storeId))];
      const stores = new Map(
        await Promise.all(storeIds.map(async (id) => [id, await tx.stores.get(id)] as const)),
      );
      const products = new Map<string, Awaited<ReturnType<StorageTx['products']['byIds']>>>();
      for (const id of storeIds) {
        const ids = sales.filter((s) => s.storeId === id).flatMap((s) => s.lines.map((l) => l.productId));
        products.set(id, await tx.products.byIds(id, ids));
      }
      const members = await snapshots.read(
        tx,
        sales.flatMap((s) => (s.loyalty?.memberId ? [s.loyalty.memberId] : [])),
      );
      // Only a member with a later sale in the batch needs advancing (the common batch has none).
      const left = new Map<string, number>();
      for (const s of sales)
        if (s.loyalty?.memberId) left.set(s.loyalty.memberId, (left.get(s.loyalty.memberId) ?? 0) + 1);
      const booked = new Set<string>();
      for (const sale of sales) {
        const memberId = sale.loyalty?.memberId;
        const member = memberId ? members.get(memberId) : undefined;
        const timeZone = stores.get(sale.storeId)?.timeZone;
        await recheck(tx, sale, versions, {
          timeZone,
          products: products.get(sale.storeId) ?? new Map(),
          member,
        });
        if (!memberId || !member) continue;
        const more = (left.get(memberId) ?? 1) - 1;
        left.set(memberId, more);
        // The ledger counts the till's rows (its result stands), an id the batch listed before once.
        const fresh = (sale.loyalty?.ledger ?? []).filter(
          (e) => !booked.has(e.id) && (booked.add(e.id), true),
        );
        if (more > 0) {
          // The rules read only the counters: the balance's pending split and the month's zone do not matter here.
          const figures = figuresAfterSale(member, sale, fresh, timeZone ?? 'UTC');
          members.set(memberId, { ...member, ...figures });
        }
      }
    },
    // Its output is exceptions, which a refold keeps (raised once by their dedupe key).
    reset: async () => {},
  };
}

async function recheck(
  tx: StorageTx,
  sale: SaleEvent,
  versions: ProgramVersions,
  known: {
    timeZone: string | undefined;
    products: Awaited<ReturnType<StorageTx['products']['byIds']>>;
    member: Awaited<ReturnType<StorageTx['members']['get']>>;
  },
): Promise<void> {
  const loyalty = sale.loyalty as NonNullable<SaleEvent['loyalty']>;
  const raise = (
    kind: 'rule-drift' | 'program-version-unknown',
    message: string,
    detail: object,
    pointsAtStake = 0,
  ) =>
    tx.exceptions.insert({
      kind,
      terminalId: sale.terminalId,
      storeId: sale.storeId,
      eventId: sale.id,
      seq: sale.seq,
      message,
      detail: JSON.stringify(detail),
      detectedAt: sale.createdAt,
      dedupeKey: `${kind}:${sale.terminalId}:${sale.id}`,
      // Issue 10: the member whose points `apply-server` would correct, and by how much.
      memberId: loyalty.memberId,
      businessDay: sale.businessDay,
      pointsAtStake,
    });
  const programs = [];
  const unknown: string[] = [];
  for (const { programId, version } of loyalty.programs) {
    if (programId === SPEND_PROGRAM_ID) continue; // what the sale spent: no program to re-run
    const v = await versions.get(tx, programId, version);
    if (v) programs.push(v.compiled);
    else unknown.push(`${programId}@${version}`);
  }
  if (unknown.length > 0) {
    await raise(
      'program-version-unknown',
      `Sale ${sale.id} (seq ${sale.seq}) was evaluated with ${unknown.join(', ')}, which this server never published; its points are booked as the till recorded them.`,
      { unknown },
    );
    return;
  }
  if (known.timeZone === undefined) return;
  const m = known.member;
  const result = evaluate(
    programs,
    // The customer's choices (a round-up) are part of the basket the till evaluated.
    basketFromSale(sale, (id) => known.products.get(id)),
    m ? rulesMemberOf({ ...m, birthday: m.birthday?.slice(-5) ?? null }) : null,
    {
      at: sale.createdAt,
      storeId: sale.storeId,
      channel: 'store',
      timeZone: known.timeZone,
      transactionId: sale.id,
    },
  );
  const drift = diffLedgers(loyalty.ledger, result.ledger);
  if (drift.count === 0) return;
  await raise(
    'rule-drift',
    `Sale ${sale.id} (seq ${sale.seq}): the server's evaluation differs from the till's in ${drift.count} ledger row(s); the till's result stands until a manager decides.`,
    { ...drift, rows: drift.rows.slice(0, LISTED) },
    Math.abs(
      drift.rows.reduce((s, r) => (r.account === 'points' ? s + (r.server ?? 0) - (r.till ?? 0) : s), 0),
    ),
  );
}

function diffLedgers(
  till: readonly LoyaltyEntry[],
  server: readonly { id: string; account: string; amount: number }[],
): { count: number; rows: { id: string; account: string; till: number | null; server: number | null }[] } {
  // The spends (SPEND_PROGRAM_ID) are the customer's choice, not the rules' result.
  const t = new Map(till.filter((e) => e.programId !== SPEND_PROGRAM_ID).map((e) => [e.id, e]));
  const s = new Map(server.map((e) => [e.id, e]));
  // The account goes with each row: a manager's `apply-server` books the points rows only.
  const rows: { id: string; account: string; till: number | null; server: number | null }[] = [];
  for (const [id, e] of t) {
    const other = s.get(id);
    if (!other || other.amount !== e.amount || other.account !== e.account) {
      rows.push({ id, account: e.account, till: e.amount, server: other?.amount ?? null });
    }
  }
  for (const [id, e] of s)
    if (!t.has(id)) rows.push({ id, account: e.account, till: null, server: e.amount });
  return { count: rows.length, rows };
}
