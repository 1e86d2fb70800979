import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EVENT_TYPES, type EventTypeSpec } from '../../../core/journal/event-types';
import { eventHash } from '../../../core/journal/hash-chain';
import { GENESIS_HASH } from '../../../core/journal/sale-event';
import { syncPaths } from '../../../core/sync/protocol';
import { seedDemo } from '../../../sync-server/src/demo/seed-demo';
import { DEFAULT_PROJECTIONS } from '../../../sync-server/src/domain/projections/default-projections';
import type { Projection } from '../../../sync-server/src/domain/projections/projection';
import { startSyncServer, type RunningSyncServer } from '../../../sync-server/src/start';
import { call, pairNewTerminal } from './support/http';
import { makeSale } from './support/sale-events';

/**
 * A till that is a release ahead of its server: its `return` events are stored and parked by
 * today's server, and folded when a server that knows returns starts on the same data.
 */
describe('a server upgrade folds what an older server parked', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-upgrade-'));
  let server: RunningSyncServer | undefined;
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('parks an unknown type, then folds it once after a restart with a folder registered for it', async () => {
    server = await startSyncServer({ dataDir, port: 0, logLevel: 'silent' });
    const seeded = await seedDemo({ url: server.url, adminToken: server.adminToken });
    const till = await pairNewTerminal({ ...server, storeId: seeded.storeId } as never);
    const sale = makeSale({
      terminalId: till.terminalId,
      storeId: till.storeId,
      seq: 1,
      prevHash: GENESIS_HASH,
    });
    const unsigned = {
      ...makeSale({ terminalId: till.terminalId, storeId: till.storeId, seq: 2, prevHash: sale.hash }),
      type: 'stock-count',
      schemaVersion: 1,
      cashier: 'c1',
    };
    const close = { ...unsigned, hash: eventHash(unsigned) };
    const push = await call(server, 'POST', syncPaths.push('journal'), {
      token: till.token,
      body: [sale, close].map((e) => ({ newDocumentState: { ...e, _deleted: false } })),
    });
    expect(push).toEqual({ status: 200, body: [] });
    const admin = (s: RunningSyncServer, path: string) => call(s, 'GET', path, { token: s.adminToken });
    expect((await admin(server, '/admin/exceptions')).body).toEqual({
      exceptions: [expect.objectContaining({ kind: 'parked', eventId: close.id })],
    });
    await server.close();

    // The next release knows shift closes (a schema, and a projection that folds them).
    const folded: string[] = [];
    const shiftCloses: Projection = {
      name: 'stock-counts',
      reads: 'events',
      fold: async (_tx, inputs) => {
        for (const i of inputs) if (i.envelope.type === 'stock-count') folded.push(i.envelope.id);
      },
      reset: async () => {},
    };
    const stockCountSpec: EventTypeSpec = {
      type: 'stock-count',
      current: 1,
      versions: { 1: z.looseObject({ type: z.literal('stock-count'), cashier: z.string() }) },
      upcast: (body) => body,
    };
    const fold = {
      registry: { ...EVENT_TYPES, 'stock-count': stockCountSpec },
      projections: [...DEFAULT_PROJECTIONS, shiftCloses],
    };
    server = await startSyncServer({ dataDir, port: 0, logLevel: 'silent', fold });
    // The new projection caught up with the sale too; the parked shift close was folded, once.
    expect(folded).toEqual([close.id]);
    expect((await admin(server, '/admin/exceptions')).body).toEqual({ exceptions: [] });
    await server.close();
    server = await startSyncServer({ dataDir, port: 0, logLevel: 'silent', fold });
    expect(folded).toEqual([close.id]);
  });
});
