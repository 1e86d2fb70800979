import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { PostgresStorage } from '../../../sync-server/src/storage/postgres/postgres-storage';
import type { FeedChange } from '../../../sync-server/src/storage/storage';
import { freshSchema, startTestPostgres, type TestPostgres } from '../../support/postgres';

/** The LISTEN connection is reopened after it drops, however many attempts fail first. */
const store = (storeId: string, name: string) => ({
  storeId,
  name,
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PostgreSQL LISTEN reconnect', () => {
  let pgServer: TestPostgres;
  let s: PostgresStorage;
  let schema: string;
  beforeAll(async () => {
    pgServer = await startTestPostgres();
    schema = freshSchema('listen');
    s = await PostgresStorage.open({ url: pgServer.url, schema });
  });
  afterAll(async () => {
    await s?.close();
    await pgServer?.stop();
  });

  const terminateListener = async () => {
    const r = await s.pool.query(
      `SELECT pg_terminate_backend(pid) AS gone FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND query = $1`,
      [`LISTEN kassa_feed_${schema}`],
    );
    expect(r.rows).toHaveLength(1);
  };
  /** Commits a change until it is heard: the listener may still be reconnecting. */
  const heardAfterwards = async (heard: FeedChange[], storeId: string) => {
    const until = Date.now() + 20_000;
    let n = 0;
    while (!heard.some((c) => c.storeId === storeId)) {
      if (Date.now() > until) throw new Error(`no change heard for ${storeId}`);
      n++; // a change each time: an unchanged store is not announced
      await s.transaction((tx) => tx.stores.upsert(store(storeId, `Winkel ${n}`), n));
      await sleep(100);
    }
  };

  it('hears changes again after its LISTEN backend is terminated, even when reconnect attempts fail first', async () => {
    const heard: FeedChange[] = [];
    s.onFeedChanged((c) => heard.push(c));
    const backdoor = s as unknown as { clientConfig: pg.ClientConfig };
    const config = backdoor.clientConfig;
    // The database is "away" for the listener: every reconnect attempt fails to connect.
    backdoor.clientConfig = { ...config, connectionString: 'postgres://postgres@127.0.0.1:1/postgres' };
    await terminateListener();
    await sleep(2_500);
    backdoor.clientConfig = config;
    await heardAfterwards(heard, 'after-failures');

    // And once more: each drop starts its own retries.
    await terminateListener();
    await heardAfterwards(heard, 'after-second-drop');
    expect(heard.some((c) => c.storeId === 'after-second-drop')).toBe(true);
  }, 60_000);
});
