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
  couponHolders: 'SELECT code, event_id AS eventId FROM coupon_uses',
  couponReused: "SELECT dedupe_key AS dedupeKey FROM exceptions WHERE kind = 'coupon-reused'",
  saleSeqs: "SELECT id, server_seq AS serverSeq FROM journal WHERE type = 'sale'",
};
type Row = Record<string, unknown>;
const prepared = new WeakMap<object, Record<keyof typeof SQL, Statement>>();

async function rows(storage: Storage, q: keyof typeof SQL): Promise<Row[]> {
  if (storage instanceof SqliteStorage) {
    let st = prepared.get(storage.sqlite);
    if (!st) {
      const db = storage.sqlite;
      st = Object.fromEntries(Object.entries(SQL).map(([k, q]) => [k, db.prepare(q)])) as Record<
        keyof typeof SQL,
        Statement
      >;
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

/** What the coupon invariants read of the server: who holds each code, the reuses raised, the order. */
export interface CouponView {
  /** Code → the event that holds it (the first use by serverSeq). */
  holders: Map<string, string>;
  /** The `coupon-reused` exceptions' keys (`coupon-reused:<code>:<the later sale>`). */
  reused: Set<string>;
  /** Sale id → its serverSeq. */
  serverSeqs: Map<string, number>;
}

export async function couponView(storage: Storage): Promise<CouponView> {
  return {
    holders: new Map((await rows(storage, 'couponHolders')).map((r) => [String(r.code), String(r.eventId)])),
    reused: new Set((await rows(storage, 'couponReused')).map((r) => String(r.dedupeKey))),
    serverSeqs: new Map((await rows(storage, 'saleSeqs')).map((r) => [String(r.id), Number(r.serverSeq)])),
  };
}
