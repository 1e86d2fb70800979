import Database from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { join } from 'node:path';
import { phoneHash } from '../../../core/loyalty/phone';
import { demoCardNumber } from '../../../sync-server/src/demo/demo-members';
import { DEMO_REGION } from '../../../sync-server/src/demo/demo-stores';
import { issuePairingCode } from '../../../sync-server/src/domain/pairing';
import { openStorage } from '../../../sync-server/src/storage/open-storage';

/**
 * The large replica's server data, written straight into the SQLite tables of a stopped sync
 * server (seeding, not the subject: the fold benchmarks time the push).
 * Members are split between the demo's two regions: `regionMembers` homed at the two Randstad
 * stores (the big till's replica), `smallMembers` at Eindhoven (the small till's). The ledger's
 * rows are spread over all of them, and each member's balance is the sum of their rows.
 */
export interface LargeSeed {
  /** One-time pairing codes: a till of Amsterdam (big region) and one of Eindhoven (small). */
  bigCode: string;
  smallCode: string;
  /** Members each till's region holds on the server (its replica's expected size). */
  bigExpected: number;
  smallExpected: number;
  membersTotal: number;
  ledgerRows: number;
  seconds: number;
}

export const BIG_STORES = ['store-demo-ams', 'store-demo-utr'] as const;
export const SMALL_STORE = 'store-demo-ehv';

/** Bench member i's card (a Kassa fob, serials above the demo's own). */
export const benchCard = (i: number): string => demoCardNumber('kassa-fob', 1_000_000 + i);
export const benchMemberId = (i: number): string => `01KBENCH${String(i).padStart(18, '0')}`;

const MEMBER_COLS = [
  'member_id',
  'home_store_id',
  'full_name',
  'display_name',
  'email',
  'phone_hash',
  'phone_last3',
  'tier',
  'segments',
  'birthday',
  'enrolled_at',
  'opted_in',
  'balance',
  'pending_points',
  'lifetime_earned',
  'applied_through',
  'counters',
  'server_seq',
] as const;
const LEDGER_COLS = [
  'entry_id',
  'member_id',
  'server_seq',
  'terminal_id',
  'store_id',
  'seq',
  'account',
  'unit',
  'amount',
  'program_id',
  'program_version',
  'rule_id',
  'text',
  'created_at',
  'status',
] as const;

/** Counters of the size a regular shopper's document has: recent visits, rule usage, stamps. */
function counters(i: number, purchases: number): string {
  const visits = Array.from({ length: i % 12 }, (_, k) => ({
    at: Date.UTC(2026, 0, 1) + k * 7 * 86_400_000,
    spendCents: 1_000 + ((i * 31 + k * 17) % 9_000),
  }));
  return JSON.stringify({
    purchaseCount: purchases,
    visits,
    rules: { 'demo/base': { lifetime: purchases } },
    stamps: i % 4 === 0 ? { coffee: i % 9 } : {},
    challenges: {},
    badges: [],
  });
}

export async function seedLargeReplica(
  dataDir: string,
  opts: { regionMembers: number; smallMembers: number; ledgerRows: number },
): Promise<LargeSeed> {
  const t0 = performance.now();
  const total = opts.regionMembers + opts.smallMembers;
  const home = (i: number) => (i < opts.regionMembers ? BIG_STORES[i % 2]! : SMALL_STORE);
  // better-sqlite3 on the server's file, prepared statements in one transaction per table: on a
  // loaded 2-core machine the storage's multi-row inserts took minutes for the ledger alone.
  const sqlite = new Database(join(dataDir, 'kassa.sqlite'));
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = OFF');
    const place = (cols: readonly string[]) => cols.map(() => '?').join(', ');
    const insertLedger = sqlite.prepare(
      `INSERT INTO ledger_entries (${LEDGER_COLS.join(', ')}) VALUES (${place(LEDGER_COLS)})`,
    );
    const insertMember = sqlite.prepare(
      `INSERT INTO members (${MEMBER_COLS.join(', ')}) VALUES (${place(MEMBER_COLS)})`,
    );
    const insertCard = sqlite.prepare('INSERT INTO member_cards (card_number, member_id) VALUES (?, ?)');
    // The ledger first: each member's balance is the sum of their rows.
    const balance = new Int32Array(total);
    const earned = new Int32Array(total);
    const at = Date.UTC(2026, 5, 1);
    sqlite.transaction(() => {
      for (let e = 0; e < opts.ledgerRows; e++) {
        const m = e % total;
        const spend = e % 23 === 0 && balance[m]! >= 20;
        const amount = spend ? -20 : 1 + (e % 40);
        balance[m]! += amount;
        if (amount > 0) earned[m]! += amount;
        insertLedger.run(
          `lr${e}`,
          benchMemberId(m),
          e + 1,
          'T-bench',
          home(m),
          e + 1,
          'points',
          'points',
          amount,
          spend ? 'kassa-spend' : 'demo',
          1,
          spend ? 'points-tender' : 'base',
          spend ? 'spend' : 'earn',
          at + e * 1_000,
          'posted',
        );
      }
    })();
    sqlite.transaction(() => {
      // The members' serverSeqs come from the one feed counter, as every read model's do.
      const top = sqlite
        .prepare("UPDATE counters SET value = value + ? WHERE name = 'feed_seq' RETURNING value")
        .get(total) as { value: number };
      const firstSeq = Number(top.value) - total + 1;
      for (let i = 0; i < total; i++) {
        const id = benchMemberId(i);
        const phone = `+3161${String(i).padStart(7, '0')}`;
        insertMember.run(
          id,
          home(i),
          `Bench Member ${i}`,
          `B. Member${i % 1000}…`,
          null,
          phoneHash(phone),
          phone.slice(-3),
          ['Silver', 'Gold', null][i % 3] ?? null,
          JSON.stringify(i % 3 === 0 ? ['coffee'] : []),
          `19${String(60 + (i % 40))}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
          Date.UTC(2020, 0, 1) + (i % 2000) * 86_400_000,
          i % 5 === 0 ? 0 : 1,
          balance[i]!,
          0,
          earned[i]!,
          '{"T-bench":1}',
          counters(i, Math.floor(opts.ledgerRows / total)),
          firstSeq + i,
        );
        insertCard.run(benchCard(i), id);
        if (i % 10 === 0) insertCard.run(demoCardNumber('kassa-plastic', 1_000_000 + i), id);
      }
    })();
  } finally {
    sqlite.close();
  }

  const storage = await openStorage({ dataDir });
  try {
    const count = async (sql: string, ...args: string[]) =>
      Number((await storage.db.executeQuery<{ n: number }>(CompiledQuery.raw(sql, args))).rows[0]?.n ?? 0);
    const inRegion = (region: string) =>
      count(
        'SELECT count(*) AS n FROM members WHERE home_store_id IN (SELECT store_id FROM stores WHERE region = ?)',
        region,
      );
    const code = async (storeId: string) => {
      const r = await issuePairingCode(storage, storeId, Date.now());
      if (!r.ok) throw new Error(`pairing code for ${storeId}: ${r.message}`);
      return r.value.code;
    };
    const small = await storage.db
      .selectFrom('stores')
      .select('region')
      .where('store_id', '=', SMALL_STORE)
      .executeTakeFirst();
    if (!small?.region || small.region === DEMO_REGION)
      throw new Error(`${SMALL_STORE} must be in a region other than ${DEMO_REGION}`);
    return {
      bigCode: await code(BIG_STORES[0]),
      smallCode: await code(SMALL_STORE),
      bigExpected: await inRegion(DEMO_REGION),
      smallExpected: await inRegion(small.region),
      membersTotal: await count('SELECT count(*) AS n FROM members'),
      ledgerRows: await count('SELECT count(*) AS n FROM ledger_entries'),
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await storage.close();
  }
}
