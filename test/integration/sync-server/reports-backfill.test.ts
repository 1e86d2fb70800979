import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { runReport } from '../../../sync-server/src/domain/reports';
import { reportsMigration } from '../../../sync-server/src/storage/migrations/0016_reports';
import { pushRowsOf, type Till } from './support/spend-events';
import { openSpendingStore } from './support/spend-store';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/** Migration 0016 on a server that already holds sales: their tenders and receive times are backfilled. */
describe.each([sqliteAdapter(), postgresAdapter()])(
  'reports migration backfill: $name',
  (adapter: AdapterUnderTest) => {
    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());

    it('fills sale_tenders and sales.received_at from the sales already folded', async () => {
      const s = await adapter.open();
      try {
        const [t1] = (await openSpendingStore(s, ['T1'])) as [Till];
        const t0 = Date.UTC(2026, 10, 25, 9, 0, 0);
        await pushJournal(s, t1, pushRowsOf([t1.sale({ memberId: 'M1', earn: 300 })]), t0 + 60_000);
        await pushJournal(s, t1, pushRowsOf([t1.sale({ memberId: 'M1', spend: 100 })]), t0 + 3_600_000);
        // Back to the schema before 0016, with the sales kept.
        for (const index of ['sales_store_day', 'sale_tenders_store_day', 'ledger_entries_store_created']) {
          await sql`DROP INDEX ${sql.ref(index)}`.execute(s.db);
        }
        await sql`DROP TABLE sale_tenders`.execute(s.db);
        await sql`ALTER TABLE sales DROP COLUMN received_at`.execute(s.db);
        await reportsMigration(s.dialect).up(s.db as never);

        const day = { from: '2026-11-25', to: '2026-11-25' };
        const tenders = await runReport(s, 'tenders', day);
        const by = tenders.ok ? Object.fromEntries(tenders.value.rows.map((r) => [r.tender, r.cents])) : {};
        expect(by).toMatchObject({ cash: 504 + 404, points: 100 });
        const offline = await runReport(s, 'offline-share', day);
        expect(offline.ok && offline.value.rows[0]).toMatchObject({ what: 'sales', all: 2, offline: 1 });
      } finally {
        await s.close();
      }
    });
  },
);
