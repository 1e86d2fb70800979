import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { SqliteStorage } from '../../../sync-server/src/storage/sqlite/sqlite-storage';
import { pushRows } from './support/sale-events';
import { openSpendingStore } from './support/spend-store';

/**
 * Every statement a push sends finds its rows through an index: a table scan costs nothing on a
 * test's ten rows and grows with the fleet (the push's read of its projection cursors scanned every
 * terminal's cursors, 320 µs of a one-sale push at 500 tills). Checked on SQLite, whose planner
 * chooses by the query's shape; PostgreSQL's chooses by table statistics, so a plan read on a
 * small test table would say nothing about a big one.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A table whose rows are a fixed set of named counters: scanning it is bounded. */
const BOUNDED = new Set(['counters']);

/** Records the SQL and parameters of every statement run on `db` while `recording` is on. */
function recorder(db: Database.Database) {
  const seen: { sql: string; params: unknown[] }[] = [];
  let recording = false;
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const st = prepare(sql);
    for (const m of ['run', 'all', 'get', 'iterate'] as const) {
      const f = st[m].bind(st) as (...a: unknown[]) => unknown;
      (st as unknown as Record<string, unknown>)[m] = (...params: unknown[]) => {
        if (recording) seen.push({ sql, params });
        return f(...params);
      };
    }
    return st;
  }) as typeof db.prepare;
  return {
    seen,
    async during<T>(fn: () => Promise<T>): Promise<T> {
      recording = true;
      try {
        return await fn();
      } finally {
        recording = false;
      }
    },
  };
}

describe('a push on SQLite', () => {
  it('reads and writes every table through an index', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kassa-plans-'));
    dirs.push(dir);
    const storage = await SqliteStorage.open(dir);
    const calls = recorder(storage.sqlite);
    try {
      const [till] = await openSpendingStore(storage, ['T-1']);
      const sales = [
        till!.sale({ memberId: 'M1', earn: 50 }),
        till!.sale({ memberId: 'M1', spend: 20, earn: 5 }),
      ];
      const who = { terminalId: 'T-1', storeId: 's1' };
      await calls.during(async () => {
        for (const sale of sales) {
          const r = await pushJournal(storage, who, pushRows([sale]), Date.now());
          expect(r.ok).toBe(true);
        }
      });
      // Scans of VALUES lists, constant rows and subqueries read the statement's own rows.
      const tables = new Set(
        (
          storage.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
            name: string;
          }[]
        ).map((t) => t.name),
      );
      const scans = new Set<string>();
      for (const { sql, params } of calls.seen) {
        if (!/^\s*(select|insert|update|delete|with)\b/i.test(sql)) continue;
        const plan = storage.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as {
          detail: string;
        }[];
        for (const { detail } of plan) {
          const table = /^SCAN (\w+)/.exec(detail)?.[1];
          if (table && tables.has(table) && !BOUNDED.has(table))
            scans.add(`${detail} in: ${sql.replace(/\s+/g, ' ').slice(0, 120)}`);
        }
      }
      expect(calls.seen.length).toBeGreaterThan(10);
      expect([...scans]).toEqual([]);
    } finally {
      await storage.close();
    }
  });
});
