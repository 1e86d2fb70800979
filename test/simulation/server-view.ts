import type { Storage } from '../../sync-server/src/storage/storage';

/** What the invariants read of the server, per terminal, straight from its tables. */
export interface ServerView {
  journal: { id: string; seq: number; hash: string; type: string }[];
  sales: { eventId: string; seq: number; totalCents: number }[];
  contiguousSeq: number;
  maxSeq: number;
  /** Open exceptions (a derived one such as seq-gap is cleared by the server when its state goes away). */
  exceptions: { kind: string; seq: number | null; message: string }[];
  /** Every exception ever raised for the terminal, open or cleared (a transient seq-gap counts). */
  raised: number;
}

export async function serverView(storage: Storage, terminalId: string): Promise<ServerView> {
  const k = storage.kysely;
  const journal = await k
    .selectFrom('journal')
    .select(['id', 'seq', 'hash', 'type'])
    .where('terminal_id', '=', terminalId)
    .orderBy('seq')
    .orderBy('server_seq')
    .execute();
  const sales = await k
    .selectFrom('sales')
    .select(['event_id as eventId', 'seq', 'total_cents as totalCents'])
    .where('terminal_id', '=', terminalId)
    .orderBy('seq')
    .execute();
  const terminal = await k
    .selectFrom('terminals')
    .select(['contiguous_seq', 'max_seq'])
    .where('terminal_id', '=', terminalId)
    .executeTakeFirst();
  const exceptions = await k
    .selectFrom('exceptions')
    .select(['kind', 'seq', 'message', 'status'])
    .where('terminal_id', '=', terminalId)
    .orderBy('id')
    .execute();
  return {
    journal: journal.map((r) => ({ ...r, seq: Number(r.seq) })),
    sales: sales.map((r) => ({ ...r, seq: Number(r.seq), totalCents: Number(r.totalCents) })),
    contiguousSeq: Number(terminal?.contiguous_seq ?? 0),
    maxSeq: Number(terminal?.max_seq ?? 0),
    exceptions: exceptions.filter((e) => e.status === 'open').map(({ status: _s, ...e }) => e),
    raised: exceptions.length,
  };
}
