import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReportResult } from '../../../core/backoffice/api';
import { addUser } from '../../../sync-server/src/domain/backoffice/users';
import { runLedgerJobs } from '../../../sync-server/src/domain/jobs/ledger-jobs';
import { importMembers } from '../../../sync-server/src/domain/members';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { runReport } from '../../../sync-server/src/domain/reports';
import { SqliteStorage } from '../../../sync-server/src/storage/sqlite/sqlite-storage';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { quietApp } from './support/app';
import { kassa } from './support/cli';
import { amsterdamStore, pairedTerminal, publishProgram } from './support/seed';
import { pushRowsOf, Till } from './support/spend-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/**
 * Tier history and the tier movements report. Stores s1 (Amsterdam) and s2 (Bucharest, an hour
 * ahead); a ladder on points earned in a rolling 30 days: member 0, silver 500, gold 1000.
 *  - 20 Nov: HQ imports M1, M2 (s1), M3, M4 (s2); M4 with the tier silver.
 *  - 24 Nov: the tier job gives M1–M3 their first tier (member) and takes M4 down to member.
 *  - 25 Nov (till sales, 09:0x UTC): M1 earns 1,200, M2 600, M3 700.
 *  - 25 Nov 22:00 UTC (23:00 in Amsterdam, midnight in Bucharest): M1 → gold, M2 → silver on
 *    s1's 25th; M3 → silver on s2's 26th.
 *  - 26 Dec: the sales left the window: all three back to member.
 */
const at = (iso: string) => Date.parse(iso);
const JOB_UP = at('2026-11-25T22:00:00Z');
const JOB_DOWN = at('2026-12-26T12:00:00Z');

const ladderProgram = {
  id: 'tiers',
  version: 1,
  name: 'Niveaus',
  kind: 'points',
  status: 'active',
  rules: [{ id: 'base', name: '1 per euro', then: [{ type: 'points-fixed', points: 1 }] }],
  tiers: {
    basis: 'points',
    window: { type: 'rolling', days: 30 },
    levels: [
      { name: 'member', threshold: 0 },
      { name: 'silver', threshold: 500 },
      { name: 'gold', threshold: 1000 },
    ],
  },
};

const member = (memberId: string, homeStoreId: string, extra: Record<string, unknown> = {}) => ({
  memberId,
  homeStoreId,
  fullName: `Lid ${memberId}`,
  optedIn: true,
  cards: [],
  ...extra,
});

/** The story above, up to and including the upgrades of 25 Nov (the downgrade is the test's). */
async function seed(s: Storage): Promise<void> {
  const t1 = new Till('T1', 's1');
  const t2 = new Till('T2', 's2');
  await s.transaction(async (tx) => {
    await tx.stores.upsert(amsterdamStore('s1'), 1);
    await tx.stores.upsert({ ...amsterdamStore('s2', 'Magazin București'), timeZone: 'Europe/Bucharest' }, 1);
    await tx.terminals.insert(pairedTerminal(t1, 'a'));
    await tx.terminals.insert(pairedTerminal(t2, 'b'));
    await publishProgram(tx, ladderProgram);
  });
  const imported = await importMembers(
    s,
    [member('M1', 's1'), member('M2', 's1'), member('M3', 's2'), member('M4', 's2', { tier: 'silver' })],
    at('2026-11-20T10:00:00Z'),
  );
  expect(imported).toMatchObject({ ok: true, value: { written: 4 } });
  expect(await runLedgerJobs(s, at('2026-11-24T12:00:00Z'))).toMatchObject({ tiers: { changed: 4 } });
  const push = async (till: Till, memberId: string, earn: number) =>
    expect(await pushJournal(s, till, pushRowsOf([till.sale({ memberId, earn })]), JOB_UP)).toMatchObject({
      ok: true,
      value: { foldFailures: 0 },
    });
  await push(t1, 'M1', 1200);
  await push(t1, 'M2', 600);
  await push(t2, 'M3', 700);
  expect(await runLedgerJobs(s, JOB_UP)).toMatchObject({ tiers: { changed: 3 } });
}

async function report(s: Storage, name: string, from: string, to: string, storeIds?: string[]) {
  const r = await runReport(s, name, { ...(storeIds ? { storeIds } : {}), from, to });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const countChanges = async (s: Storage) =>
  Number(
    (
      await s.db
        .selectFrom('tier_changes')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n,
  );

describe.each([sqliteAdapter(), postgresAdapter()])('tier movements: $name', (adapter: AdapterUnderTest) => {
  let s: Storage;
  beforeAll(() => adapter.setup(), 120_000);
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    await seed(s);
  });
  afterEach(() => s.close());

  it('records each change with its home store, local day, ladder ranks and source', async () => {
    expect(
      await s.db
        .selectFrom('tier_changes')
        .selectAll()
        .where('member_id', '=', 'M4')
        .orderBy('changed_at')
        .execute(),
    ).toMatchObject([
      {
        store_id: 's2',
        from_tier: null,
        to_tier: 'silver',
        from_rank: null,
        to_rank: 1,
        business_day: '2026-11-20',
        source: 'member-import',
      },
      {
        store_id: 's2',
        from_tier: 'silver',
        to_tier: 'member',
        from_rank: 1,
        to_rank: 0,
        business_day: '2026-11-24',
        source: 'tier-job',
      },
    ]);
    const m3 = await s.db
      .selectFrom('tier_changes')
      .selectAll()
      .where('member_id', '=', 'M3')
      .orderBy('changed_at')
      .execute();
    expect(m3.map((r) => [r.from_tier, r.to_tier, r.business_day, Number(r.changed_at)])).toEqual([
      [null, 'member', '2026-11-24', at('2026-11-24T12:00:00Z')],
      // 22:00 UTC is already the 26th in Bucharest.
      ['member', 'silver', '2026-11-26', JOB_UP],
    ]);
    // The members' tiers now agree with the last change of each.
    expect((await s.members.getMany(['M1', 'M2', 'M3', 'M4'])).get('M1')?.tier).toBe('gold');
  });

  it('counts the upgrades of the day and store where they happened', async () => {
    const day = await report(s, 'tier-movements', '2026-11-25', '2026-11-25');
    expect(day.columns.map((c) => [c.key, c.label])).toEqual([
      ['tier', 'Tier'],
      ['reached', 'Reached'],
      ['upgrades', 'Upgrades'],
      ['downgrades', 'Downgrades'],
      ['from:member', 'member →'],
    ]);
    expect(day.rows).toEqual([
      { tier: 'silver', reached: 1, upgrades: 1, downgrades: 0, 'from:member': 1 },
      { tier: 'gold', reached: 1, upgrades: 1, downgrades: 0, 'from:member': 1 },
    ]);
    expect(day.totals).toEqual({ tier: null, reached: 2, upgrades: 2, downgrades: 0, 'from:member': 2 });
    // M3's upgrade is Bucharest's 26th: in the two-day range, silver was reached by M2 and M3.
    const two = await report(s, 'tier-movements', '2026-11-25', '2026-11-26');
    expect(two.rows.find((r) => r.tier === 'silver')).toMatchObject({ reached: 2, upgrades: 2 });
    expect((await report(s, 'tier-movements', '2026-11-26', '2026-11-26', ['s1'])).rows).toEqual([]);
  });

  it('counts the downgrades when the window passes, and a re-run of the job writes nothing', async () => {
    const before = await countChanges(s);
    expect(await runLedgerJobs(s, JOB_UP)).toMatchObject({ tiers: { changed: 0 } });
    expect(await countChanges(s)).toBe(before);

    expect(await runLedgerJobs(s, JOB_DOWN)).toMatchObject({ tiers: { changed: 3 } });
    expect(await runLedgerJobs(s, JOB_DOWN)).toMatchObject({ tiers: { changed: 0 } });
    expect(await countChanges(s)).toBe(before + 3);
    const down = await report(s, 'tier-movements', '2026-12-26', '2026-12-26');
    expect(down.rows).toEqual([
      { tier: 'member', reached: 3, upgrades: 0, downgrades: 3, 'from:silver': 2, 'from:gold': 1 },
    ]);
    expect(down.totals).toMatchObject({ reached: 3, upgrades: 0, downgrades: 3 });
    expect(down.chart).toEqual({ kind: 'bar', x: 'tier', series: ['upgrades', 'downgrades'] });
    // The distribution is today's: all four at member.
    expect((await report(s, 'tiers', '2026-12-26', '2026-12-26')).rows).toEqual([
      { tier: 'member', members: 4, share: 1 },
    ]);
  });

  it('a store manager of s2 sees only s2’s movements: the import, a downgrade, first tiers, an upgrade', async () => {
    const now = at('2026-11-30T12:00:00Z');
    await addUser(
      s.db,
      {
        login: 'ioana@kassa.demo',
        name: 'Ioana',
        role: 'store-manager',
        storeIds: ['s2'],
        password: 'carpati-2026!',
      },
      now,
    );
    const app = await quietApp(s, 'admin', () => now);
    try {
      const signIn = await app.inject({
        method: 'POST',
        url: '/backoffice/api/sign-in',
        payload: { login: 'ioana@kassa.demo', password: 'carpati-2026!' },
      });
      const cookie = String(signIn.headers['set-cookie']).split(';')[0] as string;
      const got = await app.inject({
        url: '/backoffice/api/reports/tier-movements?from=2026-11-01&to=2026-11-30',
        headers: { cookie },
      });
      expect(got.statusCode).toBe(200);
      const r = got.json<ReportResult>();
      expect(r.storeIds).toEqual(['s2']);
      expect(r.rows).toEqual([
        {
          tier: 'member',
          reached: 2,
          upgrades: 0,
          downgrades: 1,
          'from:(none)': 1,
          'from:member': 0,
          'from:silver': 1,
        },
        {
          tier: 'silver',
          reached: 2,
          upgrades: 1,
          downgrades: 0,
          'from:(none)': 1,
          'from:member': 1,
          'from:silver': 0,
        },
      ]);
      expect(r.totals).toEqual({
        tier: null,
        reached: 2,
        upgrades: 1,
        downgrades: 1,
        'from:(none)': 2,
        'from:member': 1,
        'from:silver': 1,
      });
      const other = await app.inject({
        url: '/backoffice/api/reports/tier-movements?store=s1&from=2026-11-01&to=2026-11-30',
        headers: { cookie },
      });
      expect(other.statusCode).toBe(403);
    } finally {
      await app.close();
    }
    // The chain, for comparison: s1's M1 and M2 are in it too.
    const chain = await report(s, 'tier-movements', '2026-11-01', '2026-11-30');
    expect(chain.totals).toMatchObject({ reached: 4, upgrades: 3, downgrades: 1 });
  });

  it('a re-import that changes nothing writes no movement; one that changes the tier does', async () => {
    const before = await countChanges(s);
    const again = await importMembers(
      s,
      [member('M4', 's2', { tier: 'member' })],
      at('2026-11-27T10:00:00Z'),
    );
    expect(again).toMatchObject({ ok: true, value: { written: 0, unchanged: 1 } });
    expect(await countChanges(s)).toBe(before);
    await importMembers(s, [member('M4', 's2', { tier: 'gold' })], at('2026-11-27T10:00:00Z'));
    const r = await report(s, 'tier-movements', '2026-11-27', '2026-11-27');
    // Ranked on the ladder of M4's store: member → gold is an upgrade, whoever made it.
    expect(r.rows).toEqual([{ tier: 'gold', reached: 1, upgrades: 1, downgrades: 0, 'from:member': 1 }]);
  });
});

describe('kassa-server report tier-movements', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-tier-moves-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    const s = await SqliteStorage.open(dir);
    await seed(s);
    await s.close();
  });

  it('gives the same figures as JSON, and a readable table', async () => {
    const range = ['--from', '2026-11-24', '--to', '2026-11-25', '--data-dir', dir];
    const json = await kassa(['report', 'tier-movements', '--store', 's1', ...range, '--json']);
    expect(json).toMatchObject({ code: 0 });
    const r = JSON.parse(json.stdout) as ReportResult;
    expect(r).toMatchObject({ name: 'tier-movements', storeIds: ['s1'] });
    expect(r.rows).toEqual([
      { tier: 'member', reached: 2, upgrades: 0, downgrades: 0, 'from:(none)': 2, 'from:member': 0 },
      { tier: 'silver', reached: 1, upgrades: 1, downgrades: 0, 'from:(none)': 0, 'from:member': 1 },
      { tier: 'gold', reached: 1, upgrades: 1, downgrades: 0, 'from:(none)': 0, 'from:member': 1 },
    ]);
    const s = await SqliteStorage.open(dir);
    try {
      const direct = await report(s, 'tier-movements', '2026-11-24', '2026-11-25', ['s1']);
      expect(r).toEqual(direct);
    } finally {
      await s.close();
    }
    const text = await kassa(['report', 'tier-movements', ...range]);
    expect(text.stdout).toMatch(/gold\s+1\s+1\s+0\s+0\s+1/);
    const help = await kassa(['report', '--help']);
    expect(help.stdout).toContain('tier-movements');
  });
});
