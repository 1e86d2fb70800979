import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom, filter } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairResponse } from '../../../core/sync/protocol';
import { seedDemo } from '../../../sync-server/src/demo/seed-demo';
import { call, pairNewTerminal } from './support/http';
import {
  createTerminalDb,
  httpPushTransport,
  replicateJournal,
  replicateProducts,
} from './support/rx-terminal';
import { saleChain } from './support/sale-events';
import { ServerProcess } from './support/server-process';

/**
 * RxDB's own replicateRxCollection (Node, memory storage, the core/schema collections) against
 * the real server running in its own process — which is killed mid-push and restarted.
 */
describe('RxDB replication against the real server', () => {
  let dataDir: string;
  let server: ServerProcess;
  let seeded: { storeId: string };
  let till: PairResponse;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kassa-rx-'));
    server = await ServerProcess.start(dataDir);
    seeded = await seedDemo({ url: server.url, adminToken: server.adminToken });
    const self = { url: server.url, adminToken: server.adminToken, storeId: seeded.storeId };
    till = await pairNewTerminal(self as never);
  });
  afterAll(async () => {
    await server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('pulls the catalogue, then receives a price change live over the stream', async () => {
    const db = await createTerminalDb();
    const products = replicateProducts(db, { url: server.url, token: till.token });
    await products.state.awaitInitialReplication();
    expect(await db.products.count().exec()).toBeGreaterThanOrEqual(2000);
    const milk = await db.products.findOne({ selector: { code: '8710000000017' } }).exec();
    expect(milk?.priceCents).toBe(129);

    const cheaper = milk!.toJSON();
    const { serverSeq: _s, ...input } = cheaper;
    const put = await call(server, 'PUT', `/admin/stores/${seeded.storeId}/products`, {
      token: server.adminToken,
      body: [{ ...input, priceCents: 99 }],
    });
    expect(put.status).toBe(200);
    const updated = await firstValueFrom(
      db.products
        .findOne({ selector: { code: '8710000000017' } })
        .$.pipe(filter((d) => d?.priceCents === 99)),
    );
    expect(updated?.serverSeq).toBeGreaterThan(milk!.serverSeq);
    products.close();
    await products.state.cancel();
    await db.close();
  });

  it('pushes journal events that arrive exactly once, although the server is killed mid-push', async () => {
    const db = await createTerminalDb();
    const events = saleChain(till.terminalId, till.storeId, 60);
    await db.journal.bulkInsert(events);

    const http = httpPushTransport({ url: server.url, token: till.token });
    // Two outages, one after the other: first the answer of a committed batch is lost, then the
    // server is killed while a batch is in flight. Each restart finishes before the next outage.
    let calls = 0;
    let outages = 0;
    let restarting: Promise<void> = Promise.resolve();
    let serverUp = true;
    const killAndRestart = () => {
      serverUp = false;
      outages++;
      restarting = server
        .kill()
        .then(() => server.start())
        .then(() => {
          serverUp = true;
        });
    };
    const journal = replicateJournal(
      db,
      { url: server.url, token: till.token },
      {
        batchSize: 10,
        retryTime: 100,
        transport: async (rows) => {
          calls++;
          if (outages === 0 && calls === 2) {
            // The server commits the batch, then dies before the terminal reads the answer.
            await http(rows);
            killAndRestart();
            throw new Error('connection lost after the server committed');
          }
          if (outages === 1 && serverUp) {
            // Killed while the request is in flight: it may or may not have been committed.
            const inFlight = http(rows);
            killAndRestart();
            return inFlight;
          }
          return http(rows);
        },
      },
    );
    await journal.awaitInitialReplication();
    await journal.awaitInSync();
    await restarting;
    await journal.awaitInSync();
    expect(outages).toBe(2);

    const sales = await call(server, 'GET', `/admin/sales?terminalId=${till.terminalId}&limit=1000`, {
      token: server.adminToken,
    });
    const body = sales.body as { sales: { eventId: string; seq: number }[]; totals: { count: number } };
    expect(body.totals.count).toBe(60);
    expect(new Set(body.sales.map((s) => s.eventId)).size).toBe(60);
    const exceptions = await call(server, 'GET', `/admin/exceptions?terminalId=${till.terminalId}`, {
      token: server.adminToken,
    });
    expect(exceptions.body).toEqual({ exceptions: [] });
    const terminals = await call(server, 'GET', '/admin/terminals', { token: server.adminToken });
    expect((terminals.body as { terminals: unknown[] }).terminals).toContainEqual(
      expect.objectContaining({ terminalId: till.terminalId, lastSeq: 60, contiguousSeq: 60, gaps: [] }),
    );
    await journal.cancel();
    await db.close();
  });
});
