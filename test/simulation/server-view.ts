import type { Statement } from 'better-sqlite3';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite/sqlite-storage';
import type { Storage } from '../../sync-server/src/storage/storage';

/** What the invariants read of the server, per terminal, straight from its tables. */
export interface ServerView {
  journal: { id: string; seq: number; hash: string; type: string }[];
  sales: { eventId: string; seq: number; totalCents: number }[];
  contiguousSeq: number;
  maxSeq: number;
  /** Open exceptions (a derived one such as seq-gap is cleared by the server when its state goes away). */
  exceptions: { kind: string; seq: number | null; message: string; detail: string | null }[];
  /** Every exception ever raised for the terminal, open or cleared (a transient seq-gap counts). */
  raised: number;
}

const SQL = {
  journal: 'SELECT id, seq, hash, type FROM journal WHERE terminal_id = ? ORDER BY seq, server_seq',
  sales:
    'SELECT event_id AS eventId, seq, total_cents AS totalCents FROM sales WHERE terminal_id = ? ORDER BY seq',
  terminal: 'SELECT contiguous_seq, max_seq FROM terminals WHERE terminal_id = ?',
  exceptions: 'SELECT kind, seq, message, detail, status FROM exceptions WHERE terminal_id = ? ORDER BY id',
};
const prepared = new WeakMap<object, Record<keyof typeof SQL, Statement>>();

/**
 * On SQLite the same reads as prepared statements: the invariants run after every step, and
 * Kysely's query building was the largest cost of a run.
 */
function sqliteView(storage: SqliteStorage, terminalId: string): ServerView {
  let st = prepared.get(storage.sqlite);
  if (!st) {
    const db = storage.sqlite;
    st = {
      journal: db.prepare(SQL.journal),
      sales: db.prepare(SQL.sales),
      terminal: db.prepare(SQL.terminal),
      exceptions: db.prepare(SQL.exceptions),
    };
    prepared.set(storage.sqlite, st);
  }
  const terminal = st.terminal.get(terminalId) as { contiguous_seq: number; max_seq: number } | undefined;
  const exceptions = st.exceptions.all(terminalId) as (ServerView['exceptions'][number] & {
    status: string;
  })[];
  return {
    journal: st.journal.all(terminalId) as ServerView['journal'],
    sales: st.sales.all(terminalId) as ServerView['sales'],
    contiguousSeq: terminal?.contiguous_seq ?? 0,
    maxSeq: terminal?.max_seq ?? 0,
    exceptions: exceptions.filter((e) => e.status === 'open').map(({ status: _s, ...e }) => e),
    raised: exceptions.length,
  };
}

export async function serverView(storage: Storage, terminalId: string): Promise<ServerView> {
  if (storage instanceof SqliteStorage) return sqliteView(storage, terminalId);
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
    .select(['kind', 'seq', 'message', 'detail', 'status'])
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
