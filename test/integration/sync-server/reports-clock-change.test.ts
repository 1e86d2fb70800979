import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { runReport } from '../../../sync-server/src/domain/reports';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { pushRowsOf, type Till } from './support/spend-events';
import { openSpendingStore } from './support/spend-store';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/**
 * A ledger row's business day is computed in the database from its instant (report-context.ts
 * dayIndex: integer division within runs of 24-hour days). Amsterdam's days around both clock
 * changes of 2026 are 23 hours (29 March) and 25 hours (25 October) long: a row half an hour
 * before or after local midnight must land on its own local day on each side of the change.
 */
const local = (day: string, time: string, offsetHours: number) =>
  Date.parse(`${day}T${time}:00Z`) - offsetHours * 3_600_000;

/** [instant, points, the Amsterdam day it belongs to]; each amount a power of ten, so sums name rows. */
const SPRING: [number, number, string][] = [
  [local('2026-03-28', '23:30', 1), 1, '2026-03-28'],
  [local('2026-03-29', '00:30', 1), 10, '2026-03-29'],
  [local('2026-03-29', '23:30', 2), 100, '2026-03-29'],
  [local('2026-03-30', '00:30', 2), 1_000, '2026-03-30'],
];
const AUTUMN: [number, number, string][] = [
  [local('2026-10-24', '23:30', 2), 1, '2026-10-24'],
  [local('2026-10-25', '00:30', 2), 10, '2026-10-25'],
  [local('2026-10-25', '23:30', 1), 100, '2026-10-25'],
  [local('2026-10-26', '00:30', 1), 1_000, '2026-10-26'],
  [local('2026-10-27', '23:59', 1), 10_000, '2026-10-27'],
];

describe.each([sqliteAdapter(), postgresAdapter()])(
  'report days across a clock change: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      const [till] = (await openSpendingStore(s, ['T1'])) as [Till];
      await pushJournal(
        s,
        till,
        pushRowsOf([till.sale({ memberId: 'M1', earn: 5 })]),
        Date.UTC(2026, 0, 5, 12),
      );
      const [earned] = await s.db.selectFrom('ledger_entries').selectAll().where('amount', '>', 0).execute();
      await s.ledger.insertMany(
        [...SPRING, ...AUTUMN].map(([at, amount], i) => ({
          ...earned!,
          entry_id: `clock-change-${i}`,
          amount,
          created_at: at,
          available_at: null,
          expires_at: null,
        })),
      );
    });
    afterEach(() => s.close());

    const issuedPerDay = async (from: string, to: string) => {
      const r = await runReport(s, 'points', { storeIds: ['s1'], from, to });
      if (!r.ok) throw new Error(r.message);
      return Object.fromEntries(r.value.rows.map((row) => [row.day, row.issued]));
    };

    it('puts each row on its local day around the 23-hour day of spring', async () => {
      expect(await issuedPerDay('2026-03-28', '2026-03-30')).toEqual({
        '2026-03-28': 1,
        '2026-03-29': 110,
        '2026-03-30': 1_000,
      });
    });

    it('puts each row on its local day around the 25-hour day of autumn, and after it', async () => {
      expect(await issuedPerDay('2026-10-24', '2026-10-27')).toEqual({
        '2026-10-24': 1,
        '2026-10-25': 110,
        '2026-10-26': 1_000,
        '2026-10-27': 10_000,
      });
      // A range starting on the long day itself.
      expect(await issuedPerDay('2026-10-25', '2026-10-26')).toEqual({
        '2026-10-25': 110,
        '2026-10-26': 1_000,
      });
    });
  },
);
