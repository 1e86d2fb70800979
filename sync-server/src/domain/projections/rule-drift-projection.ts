import type { LoyaltyEntry, SaleEvent } from '../../../../core/journal/sale-event';
import { rulesMemberOf } from '../../../../core/loyalty/rules-member';
import { basketLineFromSale } from '../../../../core/rules/from-sale';
import { createProgramCache } from '../../../../core/rules/compile';
import { evaluate } from '../../../../core/rules/evaluate';
import { parseProgram } from '../../../../core/rules/validate';
import type { StorageTx } from '../../storage/storage';
import type { Projection } from './projection';

/** How many differing ledger rows an exception lists (the count is always complete). */
const LISTED = 20;

/**
 * The server re-evaluates every sale with loyalty, with the program versions the till used, and
 * raises `rule-drift` when its ledger rows differ from the till's (the till's result stands until
 * a manager decides), or `program-version-unknown` when a version was never published here. It
 * runs before the ledger projection, so the member is seen as the till saw them: before this sale.
 */
export function createRuleDriftProjection(): Projection {
  const cache = createProgramCache();
  return {
    name: 'rule-drift',
    reads: 'events',
    async fold(tx, inputs) {
      for (const i of inputs) {
        if (i.event?.type !== 'sale' || !i.event.loyalty) continue;
        await recheck(tx, i.event, cache);
      }
    },
    // Its output is exceptions, which a refold keeps (raised once by their dedupe key).
    reset: async () => {},
  };
}

async function recheck(
  tx: StorageTx,
  sale: SaleEvent,
  cache: ReturnType<typeof createProgramCache>,
): Promise<void> {
  const loyalty = sale.loyalty as NonNullable<SaleEvent['loyalty']>;
  const raise = (kind: 'rule-drift' | 'program-version-unknown', message: string, detail: object) =>
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
    });
  const programs = [];
  const unknown: string[] = [];
  for (const { programId, version } of loyalty.programs) {
    const stored = await tx.programs.get(programId, version);
    const parsed = stored ? parseProgram(stored.body) : undefined;
    if (!parsed?.ok) unknown.push(`${programId}@${version}`);
    else programs.push(cache.get(parsed.value));
  }
  if (unknown.length > 0) {
    await raise(
      'program-version-unknown',
      `Sale ${sale.id} (seq ${sale.seq}) was evaluated with ${unknown.join(', ')}, which this server never published; its points are booked as the till recorded them.`,
      { unknown },
    );
    return;
  }
  const [store, products, member] = await Promise.all([
    tx.stores.get(sale.storeId),
    tx.products.byIds(
      sale.storeId,
      sale.lines.map((l) => l.productId),
    ),
    loyalty.memberId ? tx.members.get(loyalty.memberId) : Promise.resolve(undefined),
  ]);
  if (!store) return;
  const result = evaluate(
    programs,
    {
      id: sale.id,
      currency: sale.currency,
      lines: sale.lines.map((l) => basketLineFromSale(l, products.get(l.productId))),
    },
    member ? rulesMemberOf({ ...member, birthday: member.birthday?.slice(-5) ?? null }) : null,
    {
      at: sale.createdAt,
      storeId: sale.storeId,
      channel: 'store',
      timeZone: store.timeZone,
      transactionId: sale.id,
    },
  );
  const drift = diffLedgers(loyalty.ledger, result.ledger);
  if (drift.count === 0) return;
  await raise(
    'rule-drift',
    `Sale ${sale.id} (seq ${sale.seq}): the server's evaluation differs from the till's in ${drift.count} ledger row(s); the till's result stands until a manager decides.`,
    { ...drift, rows: drift.rows.slice(0, LISTED) },
  );
}

function diffLedgers(
  till: readonly LoyaltyEntry[],
  server: readonly { id: string; account: string; amount: number }[],
): { count: number; rows: { id: string; till: number | null; server: number | null }[] } {
  const t = new Map(till.map((e) => [e.id, e]));
  const s = new Map(server.map((e) => [e.id, e]));
  const rows: { id: string; till: number | null; server: number | null }[] = [];
  for (const [id, e] of t) {
    const other = s.get(id);
    if (!other || other.amount !== e.amount || other.account !== e.account) {
      rows.push({ id, till: e.amount, server: other?.amount ?? null });
    }
  }
  for (const [id, e] of s) if (!t.has(id)) rows.push({ id, till: null, server: e.amount });
  return { count: rows.length, rows };
}
