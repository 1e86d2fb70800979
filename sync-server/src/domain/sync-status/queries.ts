import type { Storage } from '../../storage/storage';

/**
 * The few reads the sync status needs that no repo answers, kept here so the status module owns
 * them: they aggregate (counts per till, the first arrival above a gap) instead of listing rows.
 */

/** Exception kinds that mean the till's hash chain cannot be trusted until a manager looks. */
export const CHAIN_KINDS = ['chain-break', 'tamper', 'seq-reused'] as const;

export interface OpenExceptionCounts {
  chain: number;
  refused: number;
}

/** Unresolved chain and refused exceptions per terminal of the store. */
export async function openExceptionCounts(
  storage: Storage,
  storeId: string,
): Promise<Map<string, OpenExceptionCounts>> {
  const rows = await storage.db
    .selectFrom('exceptions')
    .select(['terminal_id', 'kind'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('store_id', '=', storeId)
    .where('status', '!=', 'resolved')
    .where('kind', 'in', [...CHAIN_KINDS, 'event-refused'])
    .groupBy(['terminal_id', 'kind'])
    .execute();
  const out = new Map<string, OpenExceptionCounts>();
  for (const r of rows) {
    const c = out.get(r.terminal_id) ?? { chain: 0, refused: 0 };
    if (r.kind === 'event-refused') c.refused += Number(r.n);
    else c.chain += Number(r.n);
    out.set(r.terminal_id, c);
  }
  return out;
}

/** Parked events per terminal of the store. */
export async function parkedCounts(storage: Storage, storeId: string): Promise<Map<string, number>> {
  const rows = await storage.db
    .selectFrom('parked_events')
    .select('terminal_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('store_id', '=', storeId)
    .groupBy('terminal_id')
    .execute();
  return new Map(rows.map((r) => [r.terminal_id, Number(r.n)]));
}

/** When the server first received a seq above `seq` of this terminal (a gap below it opened then). */
export async function firstReceivedAbove(
  storage: Storage,
  terminalId: string,
  seq: number,
): Promise<number | null> {
  const r = await storage.db
    .selectFrom('journal')
    .select((eb) => eb.fn.min<number>('received_at').as('at'))
    .where('terminal_id', '=', terminalId)
    .where('seq', '>', seq)
    .executeTakeFirst();
  return r?.at === null || r?.at === undefined ? null : Number(r.at);
}

export interface LostRange {
  terminalId: string;
  from: number;
  to: number;
}

/**
 * Seq ranges a manager marked as lost: the `lostSeqs` of the store's adjustment events (migration
 * 0013). A body that does not carry a readable range is skipped: it marks nothing lost.
 */
export async function lostRanges(storage: Storage, storeId: string): Promise<LostRange[]> {
  const rows = await storage.db
    .selectFrom('journal')
    .select('body')
    .where('type', '=', 'adjustment')
    .where('store_id', '=', storeId)
    .execute();
  const out: LostRange[] = [];
  for (const { body } of rows) {
    const lost = (JSON.parse(body) as { lostSeqs?: unknown }).lostSeqs as Partial<LostRange> | null;
    if (
      lost &&
      typeof lost.terminalId === 'string' &&
      typeof lost.from === 'number' &&
      typeof lost.to === 'number'
    )
      out.push({ terminalId: lost.terminalId, from: lost.from, to: lost.to });
  }
  return out;
}
