import { sql } from 'kysely';
import type { StorageTx } from '../../storage/storage';

const COUNTER = 'hq_seq';

/**
 * Holds the server stream until the transaction ends and returns its head seq. The counter row's
 * UPDATE … RETURNING takes the row lock on PostgreSQL (SQLite's write transaction already holds
 * the one write lock): a caller that must read the stream before it appends (an idempotency
 * check) takes it first, so nobody appends between its read and its write.
 */
export async function lockServerStream(tx: StorageTx): Promise<number> {
  return bumpServerStream(tx, 0);
}

/** Moves the stream's seq counter by n (holding its row) and returns the new head. */
export async function bumpServerStream(tx: StorageTx, n: number): Promise<number> {
  const r = await sql<{
    value: number;
  }>`UPDATE counters SET value = value + ${n} WHERE name = ${COUNTER} RETURNING value`.execute(tx.db);
  const row = r.rows[0];
  if (!row) throw new Error('the server stream counter (counters.hq_seq) is missing: migration 0004');
  return Number(row.value);
}
