import { sql } from 'kysely';
import type { Statement } from 'better-sqlite3';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite/sqlite-storage';
import type { Storage } from '../../sync-server/src/storage/storage';

/** What the loyalty invariants read of the server, straight from its tables. */
export interface LoyaltyView {
  members: Map<string, { balance: number; pendingPoints: number; appliedThrough: Record<string, number> }>;
  ledger: {
    entryId: string;
    memberId: string | null;
    terminalId: string;
    seq: number;
    account: string;
    amount: number;
    status: string;
  }[];
  /** Every `overdraft` exception (open or not), by member. */
  overdrafts: { memberId: string | null; status: string; detail: string | null }[];
}

const SQL = {
  members: 'SELECT member_id, balance, pending_points, applied_through FROM members',
  ledger:
    'SELECT entry_id AS entryId, member_id AS memberId, terminal_id AS terminalId, seq, account, amount, status FROM ledger_entries',
  overdrafts: "SELECT member_id AS memberId, status, detail FROM exceptions WHERE kind = 'overdraft'",
};
type Row = Record<string, unknown>;
const prepared = new WeakMap<object, Record<keyof typeof SQL, Statement>>();

async function rows(storage: Storage, q: keyof typeof SQL): Promise<Row[]> {
  if (storage instanceof SqliteStorage) {
    let st = prepared.get(storage.sqlite);
    if (!st) {
      const db = storage.sqlite;
      st = {
        members: db.prepare(SQL.members),
        ledger: db.prepare(SQL.ledger),
        overdrafts: db.prepare(SQL.overdrafts),
      };
      prepared.set(storage.sqlite, st);
    }
    return st[q].all() as Row[];
  }
  // PostgreSQL folds unquoted aliases to lower case: the same SQL with quoted aliases.
  const text = SQL[q].replace(/ AS (\w+)/g, ' AS "$1"');
  return (await sql.raw<Row>(text).execute(storage.kysely)).rows;
}

export async function loyaltyView(storage: Storage, memberIds: readonly string[]): Promise<LoyaltyView> {
  const wanted = new Set(memberIds);
  const members: LoyaltyView['members'] = new Map();
  for (const r of await rows(storage, 'members')) {
    const id = String(r.member_id);
    if (!wanted.has(id)) continue;
    members.set(id, {
      balance: Number(r.balance),
      pendingPoints: Number(r.pending_points),
      appliedThrough: JSON.parse(String(r.applied_through)) as Record<string, number>,
    });
  }
  return {
    members,
    ledger: (await rows(storage, 'ledger')).map((r) => ({
      entryId: String(r.entryId),
      memberId: r.memberId === null ? null : String(r.memberId),
      terminalId: String(r.terminalId),
      seq: Number(r.seq),
      account: String(r.account),
      amount: Number(r.amount),
      status: String(r.status),
    })),
    overdrafts: (await rows(storage, 'overdrafts')).map((r) => ({
      memberId: r.memberId === null ? null : String(r.memberId),
      status: String(r.status),
      detail: r.detail === null ? null : String(r.detail),
    })),
  };
}
