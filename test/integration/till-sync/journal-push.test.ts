import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealEvent } from '../../../core/journal/hash-chain';
import type { SaleEvent, UnsignedEvent } from '../../../core/journal';
import { pushRefusedBodySchema, syncPaths, type PushRefusedBody } from '../../../core/sync/protocol';
import { seedDemo, type SeedDemoResult } from '../../../sync-server/src/demo/seed-demo';
import { saleChain } from '../sync-server/support/sale-events';
import { ServerProcess } from '../sync-server/support/server-process';
import { Admin } from './support/admin';
import { twoOutages } from './support/two-outages';
import { openNodeTill, type TransportWrapper } from './support/node-till';

/**
 * The till's own journal push (renderer/src/sync/replication.ts, RxDB memory storage) against
 * the real server process, which is killed mid-push and restarted; and a batch of which the
 * server refuses one event.
 */
let dataDir: string;
let server: ServerProcess;
let admin: Admin;
let seeded: SeedDemoResult;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kassa-till-push-'));
  server = await ServerProcess.start(dataDir);
  seeded = await seedDemo({ url: server.url, adminToken: server.adminToken });
  admin = new Admin(server);
});
afterAll(async () => {
  await server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

const isPush = (input: unknown) => new URL(String(input)).pathname === syncPaths.push('journal');

/** A sale of 501 lines (the bound is 500), sealed into the chain with a valid hash. */
function hugeSale(after: SaleEvent): SaleEvent {
  const { hash: _hash, ...base } = saleChain(
    after.terminalId,
    after.storeId,
    1,
    after.seq + 1,
    after.hash,
  )[0]!;
  const line = base.lines[0]!;
  const lines = Array.from({ length: 501 }, (_, i) => ({ ...line, lineId: `l${i + 1}` }));
  const totalCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
  return sealEvent<SaleEvent>({
    ...base,
    lines,
    totalCents,
    payments: [{ method: 'cash', amountCents: totalCents, tenderedCents: totalCents, changeCents: 0 }],
  } as UnsignedEvent<SaleEvent>);
}

describe("the till's journal push", () => {
  it('delivers every sale exactly once, although the server is killed mid-push twice', async () => {
    const paired = await admin.pair(seeded.storeId);
    // Two outages, one after the other: first the answer of a committed batch is lost, then the
    // server is killed while a batch is in flight. Each restart finishes before the next outage.
    const outage = twoOutages(server);
    const wrap = outage.wrap;
    const till = await openNodeTill(server, paired, { wrap, pushBatchSize: 10 });
    try {
      await till.db.journal.bulkInsert(saleChain(paired.terminalId, paired.storeId, 60));
      const journal = till.replication.journal!;
      await journal.awaitInitialReplication();
      await journal.awaitInSync();
      await outage.restarted();
      await journal.awaitInSync();
      expect(outage.outages()).toBe(2);

      const sales = await admin.sales(paired.terminalId);
      expect(sales.totals.count).toBe(60);
      expect(new Set(sales.sales.map((s) => s.eventId)).size).toBe(60);
      expect(await admin.exceptions(paired.terminalId)).toEqual([]);
      expect(await admin.terminal(paired.terminalId)).toMatchObject({
        lastSeq: 60,
        contiguousSeq: 60,
        gaps: [],
      });
      expect(till.status.get().ackSeq).toBe(60);
    } finally {
      await till.close();
    }
  });

  it('notes a refused event with the server’s message and path, and the later sales still arrive', async () => {
    const paired = await admin.pair(seeded.storeId);
    const before = saleChain(paired.terminalId, paired.storeId, 3);
    const huge = hugeSale(before[2]!);
    const after = saleChain(paired.terminalId, paired.storeId, 3, 5, huge.hash);
    const refusals: PushRefusedBody[] = [];
    const wrap: TransportWrapper = (inner) => async (input, init) => {
      const res = await inner(input, init);
      if (isPush(input) && res.status === 422) {
        const body = pushRefusedBodySchema.safeParse(await res.clone().json());
        if (body.success) refusals.push(body.data);
      }
      return res;
    };
    const till = await openNodeTill(server, paired, { wrap, pushBatchSize: 2 });
    try {
      await till.db.journal.bulkInsert([...before, huge, ...after]);
      const journal = till.replication.journal!;
      await journal.awaitInitialReplication();
      await journal.awaitInSync();

      const sales = await admin.sales(paired.terminalId);
      expect(sales.sales.map((s) => s.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 5, 6, 7]);

      expect(refusals).toHaveLength(1);
      const answered = refusals[0]!.error.refused;
      expect(answered).toEqual([expect.objectContaining({ id: huge.id, seq: 4, type: 'sale' })]);
      expect(answered[0]!.path).toMatch(/lines/);
      const notes = (await till.db.refusals.find().exec()).map((d) => d.toJSON());
      expect(notes).toEqual([{ ...answered[0], refusedAt: expect.any(Number) }]);
      await expect
        .poll(() => till.status.get().refused.map((r) => r.message))
        .toEqual([answered[0]!.message]);

      // The refused event stays in the journal as it was written.
      expect((await till.db.journal.findOne(huge.id).exec())?.toJSON()).toMatchObject({
        hash: huge.hash,
        seq: 4,
      });
      expect(till.status.get().problem).toBeNull();
      expect(till.status.get().ackSeq).toBe(7);
    } finally {
      await till.close();
    }
  });
});
