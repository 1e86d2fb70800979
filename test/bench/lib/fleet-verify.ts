import { sql } from 'kysely';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { POINTS_PER_SALE } from './fleet-layout';

/** What exactly-once looks like after a run, read from the server's storage once it stopped. */
export interface FleetCheck {
  /** Events the tills had acknowledged, and tills with fewer stored than acknowledged (lost). */
  acked: number;
  short: number;
  /** Events stored, counted per till (each must be a whole chain prefix: see tillsBehind). */
  expected: number;
  journal: number;
  distinctIds: number;
  sales: number;
  ledgerEntries: number;
  pointsTotal: number;
  /** Members whose balance is not the sum of their ledger. */
  balanceMismatches: number;
  /** Tills whose contiguous seq at the server is not the last seq they pushed. */
  tillsBehind: number;
  foldFailures: number;
  parked: number;
  /** Exceptions the fold raised, by kind (none is expected). */
  exceptions: Record<string, number>;
  ok: boolean;
}

const one = async (storage: Storage, q: ReturnType<typeof sql<{ n: number | string }>>) =>
  Number((await q.execute(storage.db)).rows[0]?.n ?? 0);

/**
 * Every event stored once, every sale folded once, every ledger row once, every balance its
 * ledger's sum. `ackedPerTill`: what each till had acknowledged; a push whose answer never came
 * (a phase stopped at its deadline) may have been stored too, so a till's stored events must be
 * a whole prefix of its chain at least that long.
 */
export async function verifyFleet(
  storage: Storage,
  ackedPerTill: ReadonlyMap<string, number>,
): Promise<FleetCheck> {
  const stored = new Map(
    (
      await sql<{
        terminal_id: string;
        n: number | string;
      }>`SELECT terminal_id, count(*) AS n FROM journal GROUP BY terminal_id`.execute(storage.db)
    ).rows.map((r) => [r.terminal_id, Number(r.n)]),
  );
  const short = [...ackedPerTill].filter(([t, n]) => (stored.get(t) ?? 0) < n).length;
  const pushedPerTill = new Map([...ackedPerTill.keys()].map((t) => [t, stored.get(t) ?? 0]));
  const expected = [...pushedPerTill.values()].reduce((a, b) => a + b, 0);
  const acked = [...ackedPerTill.values()].reduce((a, b) => a + b, 0);
  const journal = await one(storage, sql`SELECT count(*) AS n FROM journal`);
  const distinctIds = await one(storage, sql`SELECT count(DISTINCT id) AS n FROM journal`);
  const sales = await one(storage, sql`SELECT count(*) AS n FROM sales`);
  const ledgerEntries = await one(storage, sql`SELECT count(DISTINCT entry_id) AS n FROM ledger_entries`);
  const ledgerRows = await one(storage, sql`SELECT count(*) AS n FROM ledger_entries`);
  const pointsTotal = await one(storage, sql`SELECT coalesce(sum(balance), 0) AS n FROM members`);
  const balanceMismatches = await one(
    storage,
    sql`SELECT count(*) AS n FROM members m WHERE m.balance <>
      (SELECT coalesce(sum(l.amount), 0) FROM ledger_entries l WHERE l.member_id = m.member_id AND l.status = 'posted')`,
  );
  const seqs = (
    await sql<{
      terminal_id: string;
      contiguous_seq: number | string;
    }>`SELECT terminal_id, contiguous_seq FROM terminals`.execute(storage.db)
  ).rows;
  const tillsBehind = seqs.filter(
    (r) => Number(r.contiguous_seq) !== (pushedPerTill.get(r.terminal_id) ?? 0),
  ).length;
  const foldFailures = await one(storage, sql`SELECT count(*) AS n FROM fold_failures`);
  const parked = await one(storage, sql`SELECT count(*) AS n FROM parked_events`);
  const exceptions = Object.fromEntries(
    (
      await sql<{
        kind: string;
        n: number | string;
      }>`SELECT kind, count(*) AS n FROM exceptions GROUP BY kind`.execute(storage.db)
    ).rows.map((r) => [r.kind, Number(r.n)]),
  );
  const ok =
    short === 0 &&
    journal === expected &&
    distinctIds === expected &&
    sales === expected &&
    ledgerEntries === expected &&
    ledgerRows === expected &&
    pointsTotal === expected * POINTS_PER_SALE &&
    balanceMismatches === 0 &&
    tillsBehind === 0 &&
    foldFailures === 0 &&
    parked === 0;
  return {
    acked,
    short,
    expected,
    journal,
    distinctIds,
    sales,
    ledgerEntries,
    pointsTotal,
    balanceMismatches,
    tillsBehind,
    foldFailures,
    parked,
    exceptions,
    ok,
  };
}
