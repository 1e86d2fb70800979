import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saleChain } from '../sync-server/support/sale-events';
import { Admin } from './support/admin';
import { killPlan } from './support/kill-plan';
import { openNodeTill } from './support/node-till';
import { ServerOn, STORAGE_KINDS } from './support/server-on';
import { CHAOS_STORE } from './support/chaos-store';

/**
 * Issue 11, "Real processes, real faults" 1: the till's own journal push
 * (renderer/src/sync/replication.ts, RxDB memory storage) of 1,000 sales while the real server
 * process is SIGKILLed three times — before a push reaches it, with a push in flight, and after
 * it committed a push whose answer is then lost — on SQLite and on PostgreSQL. Every sale is
 * stored exactly once, and what the till counted as acknowledged when the server died was
 * committed (the till's checkpoint is never ahead of the server's durable data).
 * KASSA_CHAOS_SALES shrinks the run for a quick local try.
 */
const SALES = Number(process.env.KASSA_CHAOS_SALES ?? 1_000);

describe.each(STORAGE_KINDS)('1,000 sales pushed through three server kills (%s)', (kind) => {
  let server: ServerOn;
  let admin: Admin;
  beforeAll(async () => {
    server = await ServerOn.start(kind);
    admin = new Admin(server);
    await admin.saveStore(CHAOS_STORE);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  // Three restarts of a tsx server process: seconds on a quiet machine, a minute on a busy one.
  it('stores each sale exactly once, and never acknowledges what the killed server lost', async () => {
    const paired = await admin.pair(CHAOS_STORE.storeId);
    let ackSeq = () => 0;
    const committed = async () => Number((await admin.terminal(paired.terminalId))?.contiguousSeq ?? 0);
    const plan = killPlan(server, ['before', 'in-flight', 'after-commit'], () => ackSeq(), committed);
    const till = await openNodeTill(server, paired, { wrap: plan.wrap, pushBatchSize: 50, readModels: [] });
    ackSeq = () => till.status.get().ackSeq;
    const acks: number[] = [];
    const unsubscribe = till.status.subscribe(() => acks.push(till.status.get().ackSeq));
    try {
      await till.db.journal.bulkInsert(saleChain(paired.terminalId, paired.storeId, SALES));
      const journal = till.replication.journal!;
      await journal.awaitInitialReplication();
      // Each kill arms only after the previous restart: wait until all three have happened.
      await expect
        .poll(
          async () => {
            await plan.restarted();
            await journal.awaitInSync();
            return plan.kills.length === 3 && server.running && ackSeq() === SALES;
          },
          { timeout: 100_000, interval: 200 },
        )
        .toBe(true);

      expect(plan.kills.map((k) => k.point)).toEqual(['before', 'in-flight', 'after-commit']);
      const terminal = await admin.terminal(paired.terminalId);
      expect(terminal).toMatchObject({ lastSeq: SALES, contiguousSeq: SALES, gaps: [] });
      // Whatever the till counted as at HQ when the server died survived the kill.
      for (const k of plan.kills) {
        expect(k.committedAfterRestart).toBeGreaterThanOrEqual(k.ackSeqAtKill);
      }
      // The last kill came after sales were acknowledged, so the comparison above had teeth.
      expect(plan.kills[2]!.ackSeqAtKill).toBeGreaterThan(0);
      // The acknowledged seq only ever went forward.
      expect(acks).toEqual([...acks].sort((a, b) => a - b));

      const sales = await admin.sales(paired.terminalId);
      expect(sales.totals.count).toBe(SALES);
      expect(new Set(sales.sales.map((s) => s.eventId)).size).toBe(Math.min(SALES, 1_000));
      expect(await admin.exceptions(paired.terminalId)).toEqual([]);
    } finally {
      unsubscribe();
      await till.close();
    }
  }, 120_000);
});
