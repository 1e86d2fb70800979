import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPaths } from '../../../core/sync/protocol';
import { seedDemo, type SeedDemoResult } from '../../../sync-server/src/demo/seed-demo';
import { saleChain } from '../sync-server/support/sale-events';
import { ServerProcess } from '../sync-server/support/server-process';
import { Admin } from './support/admin';
import { openNodeTill, type TransportWrapper } from './support/node-till';
import { waitingCount } from '../../../renderer/src/sync/sync-status';

/**
 * Issue 11, scenario 23: the server's database is restored from a backup older than what the
 * till had acknowledged. RxDB's push checkpoint says those sales were pushed; the till must notice
 * (renderer/src/sync/server-loss-check.ts) and push them again when its stream reconnects.
 */
let dataDir: string;
let backupDir: string;
let server: ServerProcess;
let admin: Admin;
let seeded: SeedDemoResult;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kassa-till-restore-'));
  backupDir = mkdtempSync(join(tmpdir(), 'kassa-till-restore-backup-'));
  server = await ServerProcess.start(dataDir);
  seeded = await seedDemo({ url: server.url, adminToken: server.adminToken });
  admin = new Admin(server);
});
afterAll(async () => {
  await server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(backupDir, { recursive: true, force: true });
});

/** A cold copy of the server's data folder (SQLite and all), taken while it is stopped. */
function copyFolder(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}

describe('a server restored from a backup older than the till’s acknowledgement', () => {
  it('gets back every sale it lost from the till, each once', async () => {
    const paired = await admin.pair(seeded.storeId);
    // While `cut`, the till cannot reach the server: the test looks at the restored server first.
    let cut = false;
    const wrap: TransportWrapper = (inner) => (input, init) =>
      cut ? Promise.reject(new TypeError('network cut by the test')) : inner(input, init);
    const till = await openNodeTill(server, paired, { wrap, readModels: ['products'], pushBatchSize: 10 });
    const sales = saleChain(paired.terminalId, paired.storeId, 60);
    const pushed = async (count: number) => {
      await expect.poll(() => till.status.get().ackSeq, { timeout: 30_000 }).toBe(count);
      till.status.setLocalSeq(count);
    };
    try {
      await till.db.journal.bulkInsert(sales.slice(0, 30));
      await pushed(30);

      // The backup: 30 sales.
      await server.kill();
      copyFolder(dataDir, backupDir);
      await server.start();

      await till.db.journal.bulkInsert(sales.slice(30));
      await pushed(60);
      expect((await admin.sales(paired.terminalId)).totals.count).toBe(60);

      // The disaster: the database is restored from the backup, and the server started on it.
      cut = true;
      await server.kill();
      copyFolder(backupDir, dataDir);
      await server.start();
      expect((await admin.sales(paired.terminalId)).totals.count).toBe(30);
      expect(await admin.terminal(paired.terminalId)).toMatchObject({ lastSeq: 30, contiguousSeq: 30 });
      const terminalCalls = till.requests.filter((p) => p === syncPaths.terminal).length;
      cut = false;

      await expect
        .poll(async () => (await admin.sales(paired.terminalId)).totals.count, { timeout: 30_000 })
        .toBe(60);
      const after = await admin.sales(paired.terminalId);
      expect(new Set(after.sales.map((s) => s.eventId)).size).toBe(60);
      expect(after.sales.map((s) => s.seq).sort((a, b) => a - b)).toEqual(sales.map((s) => s.seq));
      await expect
        .poll(() => admin.terminal(paired.terminalId), { timeout: 10_000 })
        .toMatchObject({ lastSeq: 60, contiguousSeq: 60, gaps: [] });
      expect(await admin.exceptions(paired.terminalId)).toEqual([]);
      // The till found out by asking, after its stream came back.
      expect(till.requests.filter((p) => p === syncPaths.terminal).length).toBeGreaterThan(terminalCalls);
      expect(till.status.get().ackSeq).toBe(60);
      expect(waitingCount(till.status.get())).toBe(0);
    } finally {
      await till.close();
    }
  });
});
