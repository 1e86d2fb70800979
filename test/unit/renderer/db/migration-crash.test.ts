// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { screen } from '@testing-library/react';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { KassaHost, TerminalConfig } from '../../../../core/bridge/kassa-host';
import { eventHash, GENESIS_HASH } from '../../../../core/journal';
import type * as journalRx from '../../../../core/schema/journal.rx';
import { journalRxSchema } from '../../../../core/schema/journal.rx';
import { createKassaDatabase, databaseNameFor } from '../../../../renderer/src/db/database';

/**
 * Scenario 15 of issue 11: the till's journal collection migrates to a new schema on the first
 * start after an update, and that migration fails or the till dies half way. The cashier gets a
 * message, not a blank screen; the next start with good code opens every sale, untouched.
 */

// The journal's migration strategy 0 → 1, made to fail or hang at its n-th document.
const fault = vi.hoisted(() => ({ throwAt: 0, hangAt: 0, message: '', calls: 0 }));
vi.mock('../../../../core/schema/journal.rx', async (importOriginal) => {
  const real = await importOriginal<typeof journalRx>();
  const step = real.journalMigrationStrategies[1];
  return {
    ...real,
    journalMigrationStrategies: {
      ...real.journalMigrationStrategies,
      1: (doc: Record<string, unknown>) => {
        fault.calls++;
        if (fault.throwAt && fault.calls === fault.throwAt) throw new Error(fault.message);
        if (fault.hangAt && fault.calls >= fault.hangAt) return new Promise(() => undefined);
        return step(doc);
      },
    },
  };
});
const goodBuild = () => Object.assign(fault, { throwAt: 0, hangAt: 0, calls: 0 });

// Every database RxDB opens, so a test can "kill" one that has not finished opening.
const opened: RxDatabase[] = [];
addRxPlugin({
  name: 'kassa-test-opened-databases',
  rxdb: true,
  hooks: {
    createRxDatabase: { after: ({ database }: { database: RxDatabase }) => void opened.push(database) },
  },
});

const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange });
const SALES = 25; // RxDB migrates 10 documents a batch: a fault at 12 or 15 is in the second one

/** A chain of v1 sales as an older build wrote them. */
function oldSales(terminalId: string): Record<string, unknown>[] {
  const sales: Record<string, unknown>[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= SALES; seq++) {
    const unsigned = {
      id: `01JDX2R4K8M3N5P7Q9S1T${String(seq).padStart(5, '0')}`,
      type: 'sale',
      terminalId,
      storeId: 'store-demo-ams',
      seq,
      prevHash,
      createdAt: 1795608000000 + seq * 60_000,
      businessDay: '2026-11-25',
      schemaVersion: 1,
      currency: 'EUR',
      lines: [
        {
          lineId: 'l1',
          productId: 'p-milk',
          code: '8710000000017',
          name: 'Melk',
          quantity: 1,
          unitPriceCents: 129,
          amountCents: 129,
        },
      ],
      totalCents: 129,
      payments: [{ method: 'cash', amountCents: 129, tenderedCents: 200, changeCents: 71 }],
    };
    const sale = { ...unsigned, hash: eventHash(unsigned) };
    prevHash = sale.hash;
    sales.push(sale);
  }
  return sales;
}

/**
 * A till database as an older build left it: the journal at collection schema version 0 (the
 * fields did not change in ways that matter to the migration, only the version) holding the sales.
 */
async function writeOldJournal(name: string, sales: Record<string, unknown>[]): Promise<void> {
  const old = await createRxDatabase<{ journal: RxCollection }>({
    name,
    storage: storage(),
    multiInstance: false,
  });
  await old.addCollections({ journal: { schema: { ...journalRxSchema, version: 0 } as never } });
  await old.journal.bulkInsert(sales);
  await old.close();
}

/** Opens the database with the build's code and reads the journal back, in seq order. */
async function journalAfterOpen(name: string): Promise<Record<string, unknown>[]> {
  const db = await createKassaDatabase(name, 'strict', storage());
  try {
    return (await db.journal.find({ sort: [{ seq: 'asc' }] }).exec()).map((d) => d.toJSON());
  } finally {
    await db.close();
  }
}

let dbCount = 0;
afterEach(goodBuild);

describe('a local schema migration that fails or is cut off', () => {
  it('fails the open with this run’s reason, and the good build then opens every sale untouched', async () => {
    const name = `kassa-migration-crash-${++dbCount}`;
    const sales = oldSales('T1');
    await writeOldJournal(name, sales);

    Object.assign(fault, { throwAt: 15, message: 'bad field in sale 15' });
    const started = Date.now();
    await expect(createKassaDatabase(name, 'strict', storage())).rejects.toThrow(
      "The till's journal could not be migrated to its new schema: bad field in sale 15",
    );
    expect(Date.now() - started).toBeLessThan(10_000);

    // Started again with a build that fails otherwise: the reason is this run's, not the stored one.
    Object.assign(fault, { throwAt: 3, message: 'another bug', calls: 0 });
    await expect(createKassaDatabase(name, 'strict', storage())).rejects.toThrow(/: another bug$/);

    goodBuild();
    expect(await journalAfterOpen(name)).toEqual(sales);
    expect(fault.calls).toBeGreaterThan(0);
    // Migrated for good: the next start has nothing left to do.
    goodBuild();
    expect(await journalAfterOpen(name)).toEqual(sales);
    expect(fault.calls).toBe(0);
  });

  it('loses nothing when the till dies half way through the migration', async () => {
    const name = `kassa-migration-crash-${++dbCount}`;
    const sales = oldSales('T1');
    await writeOldJournal(name, sales);

    fault.hangAt = 12;
    const opening = createKassaDatabase(name, 'strict', storage());
    opening.catch(() => undefined); // the killed till never sees its answer
    await vi.waitFor(() => expect(fault.calls).toBeGreaterThanOrEqual(12));
    await opened.at(-1)!.close(); // the process goes away: first batch written, the rest not

    goodBuild();
    expect(await journalAfterOpen(name)).toEqual(sales);
  });
});

describe('the till starting on a database it cannot open', () => {
  const paired = (terminalId: string): TerminalConfig => ({
    serverUrl: 'http://127.0.0.1:9',
    paired: {
      terminalId,
      storeId: 'store-demo-ams',
      token: 'token',
      store: {
        storeId: 'store-demo-ams',
        name: 'Demo',
        currency: 'EUR',
        timeZone: 'Europe/Amsterdam',
        locale: 'en-GB',
        variableMeasure: [],
      },
    },
  });

  /** Runs the renderer's entry (main.tsx) against a host that answers this config. */
  async function bootTill(config: TerminalConfig): Promise<void> {
    // The entry boots when imported, so each test imports it afresh; its schemas then register
    // their ids in zod's (not reset) global registry a second time.
    vi.resetModules();
    z.globalRegistry.clear();
    vi.doMock('../../../../renderer/src/host', () => ({
      getHost: (): Partial<KassaHost> => ({ getConfig: async () => config }),
    }));
    document.body.innerHTML = '<div id="root"></div>';
    await import('../../../../renderer/src/main');
  }

  it('shows the cashier why, within 10 s, when the migration fails', async () => {
    const terminalId = `T-boot-fail-${++dbCount}`;
    await writeOldJournal(databaseNameFor(terminalId), oldSales(terminalId));
    Object.assign(fault, { throwAt: 15, message: 'bad field in sale 15' });

    await bootTill(paired(terminalId));
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toBe(
      "The till could not start: The till's journal could not be migrated to its new schema: bad field in sale 15 " +
        'Restart the till; if this happens again, call support. The sales already on this till are kept.',
    );
  }, 15_000);

  it('tells the cashier it is still starting, within 10 s, when the migration hangs', async () => {
    const terminalId = `T-boot-slow-${++dbCount}`;
    await writeOldJournal(databaseNameFor(terminalId), oldSales(terminalId));
    fault.hangAt = 12;

    await bootTill(paired(terminalId));
    const notice = await screen.findByRole('status', {}, { timeout: 10_000 });
    expect(notice.textContent).toMatch(/^The till is still starting: its database is being opened/);
    expect(document.getElementById('root')!.textContent).toBe(notice.textContent);
  }, 15_000);
});
