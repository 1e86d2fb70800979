import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { SqliteStorage } from '../../../sync-server/src/storage/sqlite/sqlite-storage';
import { quietApp } from './support/app';
import { kassa } from './support/cli';
import { amsterdamStore, pairedTerminal } from './support/seed';
import { pushRowsOf, Till } from './support/spend-events';

/** `kassa-server report` and GET /admin/reports/:name: the same report as a table, JSON and CSV. */
describe('reports at the CLI and the admin API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-reports-'));
  const till = new Till('T1', 's1');
  const sales = [till.sale({ memberId: 'M1', earn: 500 }), till.sale({ memberId: 'M1', spend: 300 })];
  const range = ['--from', '2026-11-25', '--to', '2026-11-25', '--data-dir', dir];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    const s = await SqliteStorage.open(dir);
    await s.transaction(async (tx) => {
      await tx.stores.upsert(amsterdamStore(), 1);
      await tx.terminals.insert(pairedTerminal(till, 'a'));
      await tx.members.upsert([
        {
          memberId: 'M1',
          homeStoreId: 's1',
          fullName: 'Johanna de Vries',
          enrolledAt: 1,
          optedIn: true,
          cards: ['2620000000019'],
        },
      ]);
    });
    await pushJournal(s, till, pushRowsOf(sales), 1000);
    await s.close();
  });

  it('prints a readable table, JSON and CSV that parses back to the same figures', async () => {
    const text = await kassa(['report', 'tenders', '--store', 's1', ...range]);
    expect(text).toMatchObject({ code: 0 });
    expect(text.stdout).toContain('Tenders — s1, 2026-11-25 to 2026-11-25');
    expect(text.stdout).toMatch(/cash\s+2\s+7\.08 EUR/);
    expect(text.stdout).toMatch(/points\s+1\s+3\.00 EUR\s+300/);
    const json = JSON.parse((await kassa(['report', 'tenders', ...range, '--json'])).stdout);
    expect(json).toMatchObject({ name: 'tenders', storeIds: 'all', totals: { cents: 1008 } });
    const csv = Papa.parse<Record<string, string>>(
      (await kassa(['report', 'tenders', ...range, '--csv'])).stdout.trim(),
      {
        header: true,
      },
    );
    expect(csv.errors).toEqual([]);
    expect(csv.data.find((r) => r.tender === 'points')).toMatchObject({ cents: '300', points: '300' });
    expect(csv.data.at(-1)).toMatchObject({ tender: 'total', cents: '1008' });
  });

  it('refuses a bad range and an unknown report with a readable message', async () => {
    const back = await kassa([
      'report',
      'sales',
      '--from',
      '2026-11-26',
      '--to',
      '2026-11-25',
      '--data-dir',
      dir,
    ]);
    expect(back.code).toBe(1);
    expect(back.stderr).toContain('Cannot run the report: from (2026-11-26) is after to (2026-11-25).');
    const unknown = await kassa(['report', 'profits', ...range]);
    expect(unknown.stderr).toContain('no report named profits; one of sales, tenders');
  });

  it('answers GET /admin/reports/:name with the admin token, as JSON or CSV', async () => {
    const s = await SqliteStorage.open(dir);
    const app = await quietApp(s, 'admin-secret', () => Date.now());
    try {
      const auth = { authorization: 'Bearer admin-secret' };
      const url = '/admin/reports/sales?store=s1&from=2026-11-25&to=2026-11-25';
      expect((await app.inject({ url })).statusCode).toBe(401);
      const r = await app.inject({ url, headers: auth });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({
        rows: [{ day: '2026-11-25', sales: 2, totalCents: 1008 }],
        currency: 'EUR',
      });
      const csv = await app.inject({ url: `${url}&format=csv`, headers: auth });
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(Papa.parse(csv.body.trim(), { header: true }).data[0]).toMatchObject({
        day: '2026-11-25',
        sales: '2',
      });
      const bad = await app.inject({
        url: '/admin/reports/sales?from=2026-11-25&to=2026-13-01',
        headers: auth,
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json()).toMatchObject({
        error: { type: 'bad-range', message: 'from and to must be days written YYYY-MM-DD' },
      });
      expect(
        (await app.inject({ url: '/admin/reports/nope?from=2026-11-25&to=2026-11-25', headers: auth }))
          .statusCode,
      ).toBe(404);
    } finally {
      await app.close();
      await s.close();
    }
  });
});
