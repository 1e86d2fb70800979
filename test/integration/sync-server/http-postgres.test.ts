import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPaths } from '../../../core/sync/protocol';
import { freshSchema, startTestPostgres, type TestPostgres } from '../../support/postgres';
import { startTestSyncServer, type TestSyncServer } from '../../support/sync-server';
import { call, pairNewTerminal } from './support/http';
import { pushRows, saleChain } from './support/sale-events';

/** The same server, on PostgreSQL: pair, pull, push twice, see one set of sales. */
describe('sync server over HTTP on PostgreSQL', () => {
  let pg: TestPostgres;
  let server: TestSyncServer;
  beforeAll(async () => {
    pg = await startTestPostgres();
    server = await startTestSyncServer({ databaseUrl: pg.url, databaseSchema: freshSchema('http') });
  });
  afterAll(async () => {
    await server?.close();
    await pg?.stop();
  });

  it('pairs, pulls the demo catalogue and folds a pushed sale once', async () => {
    const till = await pairNewTerminal(server);
    const health = await call(server, 'GET', syncPaths.health);
    expect(health.body).toMatchObject({ storage: 'postgres' });
    const page = await call(server, 'GET', `${syncPaths.pull('products')}?serverSeq=0&limit=10`, {
      token: till.token,
    });
    expect((page.body as { documents: unknown[] }).documents).toHaveLength(10);
    const events = saleChain(till.terminalId, till.storeId, 3);
    const push = () =>
      call(server, 'POST', syncPaths.push('journal'), { token: till.token, body: pushRows(events) });
    expect(await push()).toEqual({ status: 200, body: [] });
    expect(await push()).toEqual({ status: 200, body: [] });
    const sales = await call(server, 'GET', `/admin/sales?terminalId=${till.terminalId}`, {
      token: server.adminToken,
    });
    expect(sales.body).toMatchObject({ totals: { count: 3, totalCents: 1512 } });
  });
});
