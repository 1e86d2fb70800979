import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventHash } from '../../../core/journal/hash-chain';
import { GENESIS_HASH, type SaleEvent } from '../../../core/journal/sale-event';
import { phoneHash } from '../../../core/loyalty/phone';
import { isUlid } from '../../../core/ids/ids';
import { DEMO_STORE } from '../../../sync-server/src/demo/demo-catalogue';
import { DEMO_CARD, demoMemberId } from '../../../sync-server/src/demo/demo-members';
import { seedDemoStorage } from '../../../sync-server/src/demo/seed-demo';
import { importMembers, showMember } from '../../../sync-server/src/domain/members';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { startTestSyncServer, type TestSyncServer } from '../../support/sync-server';
import { call, pairNewTerminal } from './support/http';
import { makeSale } from './support/sale-events';
import { sqliteAdapter } from './support/storages';

const STORE = 'store-demo-ams';
const johanna = {
  homeStoreId: STORE,
  fullName: 'Johanna Wilhelmina de Vries-Zomerdijk',
  email: 'johanna.zomerdijk@example.nl',
  phone: '06-98 76 54 32',
  tier: 'Gold',
  segments: ['coffee'],
  birthday: '1979-04-30',
  enrolledAt: '2025-03-01',
  optedIn: true,
  cards: ['2620000099990', '7083000099990000'],
};

/** Member import, list and show over the admin API, and what a till may see of a member. */
describe('admin API: members', () => {
  let server: TestSyncServer;
  let till: string;
  const admin = (method: string, path: string, body?: unknown) =>
    call(server, method, path, { token: server.adminToken, ...(body !== undefined ? { body } : {}) });

  beforeAll(async () => {
    server = await startTestSyncServer();
    till = (await pairNewTerminal(server)).token;
  });
  afterAll(() => server.close());

  it('imports members: a new ULID when none is given, the phone only as hash and last 3 digits', async () => {
    const r = await admin('PUT', '/admin/members', [johanna]);
    expect(r).toMatchObject({ status: 200, body: { written: 1, unchanged: 0 } });
    const [id] = (r.body as { memberIds: string[] }).memberIds;
    expect(isUlid(id as string)).toBe(true);
    // The same again (with its id) writes nothing.
    expect((await admin('PUT', '/admin/members', [{ ...johanna, memberId: id }])).body).toMatchObject({
      written: 0,
      unchanged: 1,
      memberIds: [id],
    });

    const shown = await admin('GET', '/admin/members/7083000099990000');
    expect(shown).toMatchObject({
      status: 200,
      body: {
        member: {
          memberId: id,
          fullName: johanna.fullName,
          displayName: 'J. de V…',
          email: johanna.email,
          phoneLast3: '432',
          tier: 'Gold',
          birthday: '1979-04-30',
          enrolledAt: Date.UTC(2025, 2, 1),
          cards: ['2620000099990', '7083000099990000'],
          balance: 0,
          pendingPoints: 0,
          lifetimeEarned: 0,
        },
        ledger: [],
      },
    });
    expect(JSON.stringify(shown.body)).not.toMatch(/98 ?76|31698765432/);
    expect((await admin('GET', `/admin/members/${id}`)).body).toEqual(shown.body);
    expect(await admin('GET', '/admin/members/0000000000000')).toMatchObject({
      status: 404,
      body: { error: { type: 'not-found' } },
    });
  });

  it('lists members of a store, with a limit', async () => {
    const all = (await admin('GET', `/admin/members?storeId=${STORE}&limit=5000`)).body as {
      members: { memberId: string; cards: string[] }[];
    };
    expect(all.members.length).toBe(29); // 28 demo members + Johanna
    expect(all.members.find((m) => m.memberId === demoMemberId(1))?.cards).toContain(DEMO_CARD);
    expect(
      ((await admin('GET', '/admin/members?limit=3')).body as { members: unknown[] }).members,
    ).toHaveLength(3);
    expect(
      ((await admin('GET', '/admin/members?storeId=elsewhere')).body as { members: unknown[] }).members,
    ).toEqual([]);
    expect((await admin('GET', '/admin/members?limit=0')).status).toBe(422);
  });

  it('refuses a card of another member with 409, and bad input with 422 and its path; nothing is written', async () => {
    const taken = await admin('PUT', '/admin/members', [
      { ...johanna, fullName: 'Kees Kaas', cards: ['2620000099983'] },
      { ...johanna, fullName: 'Piet Puk', cards: [DEMO_CARD] },
    ]);
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({
      error: {
        type: 'card-taken',
        path: '[1].cards[0]',
        message: `[1].cards[0]: card ${DEMO_CARD} belongs to member ${demoMemberId(1)}; a card belongs to one member`,
      },
    });
    expect((await admin('GET', '/admin/members/2620000099983')).status).toBe(404);

    const twice = await admin('PUT', '/admin/members', [
      { ...johanna, cards: ['1111222233'] },
      { ...johanna, cards: ['1111222233'] },
    ]);
    expect(twice).toMatchObject({
      status: 422,
      body: { error: { type: 'invalid-member', path: '[1].cards[0]' } },
    });

    const cases: [unknown, string][] = [
      [[{ ...johanna, birthday: '1979-02-30' }], '[0].birthday'],
      [[{ ...johanna, phone: '12' }], '[0].phone'],
      [[{ ...johanna, email: 'not-an-email' }], '[0].email'],
      [[{ ...johanna, fullName: 'x'.repeat(201) }], '[0].fullName'],
      [
        [
          {
            ...johanna,
            cards: Array.from({ length: 21 }, (_, i) => `26200001${String(i).padStart(5, '0')}`),
          },
        ],
        '[0].cards',
      ],
      [[{ ...johanna, homeStoreId: 'nowhere' }], '[0].homeStoreId'],
      [[{ ...johanna, optedIn: undefined }], '[0].optedIn'],
      [[{ ...johanna, password: 'x' }], '[0]'],
      [{ not: 'a list' }, '(members)'],
      [[], '(members)'],
    ];
    for (const [body, path] of cases) {
      const r = await admin('PUT', '/admin/members', body);
      expect({
        status: r.status,
        type: (r.body as { error: { type: string } }).error.type,
        body,
      }).toMatchObject({
        status: 422,
        type: 'invalid-member',
      });
      expect((r.body as { error: { path: string } }).error.path).toBe(path);
    }
  });

  it('never gives a till a full name, an e-mail address or a phone number', async () => {
    const r = await call(server, 'GET', '/sync/v1/members/pull?serverSeq=0&limit=5000', { token: till });
    expect(r.status).toBe(200);
    const docs = (r.body as { documents: { memberId: string; displayName: string; phoneHash: string }[] })
      .documents;
    expect(docs).toHaveLength(29);
    const text = JSON.stringify(r.body);
    for (const secret of [
      'Johanna',
      'Wilhelmina',
      'Zomerdijk',
      'example.nl',
      '@',
      '98 76',
      '698765432',
      '1979-',
    ]) {
      expect(text).not.toContain(secret);
    }
    const mine = docs.find((d) => d.displayName === 'J. de V…' && d.phoneHash === phoneHash('+31698765432'));
    expect(mine).toMatchObject({
      phoneLast3: '432',
      birthday: '04-30',
      cards: ['2620000099990', '7083000099990000'],
    });
    expect(text).not.toContain('Pieter van den Berg');
  });

  it('needs the admin token', async () => {
    expect((await call(server, 'GET', '/admin/members', { token: till })).status).toBe(401);
    expect((await call(server, 'PUT', '/admin/members', { body: [johanna] })).status).toBe(401);
  });

  it('a re-import without a tier keeps the tier the member holds; tier null clears it', async () => {
    const card = '2620000099983';
    const r = await admin('PUT', '/admin/members', [{ ...johanna, cards: [card] }]);
    const [id] = (r.body as { memberIds: string[] }).memberIds;
    const tierOf = async () =>
      ((await admin('GET', `/admin/members/${card}`)).body as { member: { tier: string | null } }).member
        .tier;
    const { tier: _tier, ...withoutTier } = johanna;
    expect(
      (await admin('PUT', '/admin/members', [{ ...withoutTier, memberId: id, cards: [card] }])).body,
    ).toMatchObject({
      unchanged: 1,
    });
    expect(await tierOf()).toBe('Gold');
    await admin('PUT', '/admin/members', [{ ...johanna, memberId: id, cards: [card], tier: null }]);
    expect(await tierOf()).toBeNull();
  });
});

/** The demo seed's members and programs, and a member's ledger as a manager reads it (domain, SQLite). */
describe('demo loyalty seed and member history', () => {
  const adapter = sqliteAdapter();
  let s: Storage;
  const NOW = Date.UTC(2026, 10, 25, 11);
  beforeEach(async () => {
    s = await adapter.open();
  });
  afterEach(async () => {
    await s.close();
    await adapter.teardown();
  });

  it('seeds 28 members and 16 program versions once; a second seed writes nothing new', async () => {
    const first = await seedDemoStorage(s, NOW);
    expect(first).toMatchObject({
      members: 28,
      membersWritten: 28,
      programs: 16,
      programsPublished: 16,
      demoCard: '2620000000015',
    });
    const head = await s.feed.head();
    const second = await seedDemoStorage(s, NOW + 60_000);
    expect(second).toMatchObject({
      members: 28,
      membersWritten: 0,
      programs: 16,
      programsPublished: 0,
      productsWritten: 0,
    });
    // Tills pull nothing new: no member or program document moved.
    expect(await s.members.pull(DEMO_STORE.storeId, 0, head, 100)).toEqual([]);
    expect(await s.programs.pull(DEMO_STORE.storeId, head, 100)).toEqual([]);
    expect((await s.members.byCard(DEMO_CARD))?.displayName).toBe('J. de V…');
  });

  it('shows a member’s balance and ledger rows with their reasons, found by card', async () => {
    await seedDemoStorage(s, NOW);
    const T1 = { terminalId: 'T1', storeId: DEMO_STORE.storeId };
    await s.terminals.insert({ ...T1, name: null, tokenHash: 'a', pairedAt: 1 });
    const base = makeSale({ ...T1, seq: 1, prevHash: GENESIS_HASH });
    const entry = (rule: string, amount: number, text: string) => ({
      id: `${base.id}/demo-stars@1/${rule}/0/points`,
      account: 'points',
      unit: 'points',
      amount,
      programId: 'demo-stars',
      programVersion: 1,
      ruleId: rule,
      text,
    });
    const loyalty = {
      memberId: demoMemberId(1),
      provisionalCard: null,
      programs: [{ programId: 'demo-stars', version: 1 }],
      ledger: [
        entry('earn', 10, '+10 points — 2 points per euro'),
        entry('breakfast-pair', 15, '+15 points — Breakfast pairing bonus'),
      ],
    };
    const unsigned = { ...base, memberId: loyalty.memberId, loyalty };
    const sale = { ...unsigned, hash: eventHash(unsigned) } as SaleEvent;
    const pushed = await pushJournal(
      s,
      T1,
      [{ assumedMasterState: null, newDocumentState: { ...sale, _deleted: false } }],
      NOW,
    );
    expect(pushed).toMatchObject({ ok: true, value: { accepted: 1 } });

    const r = await showMember(s, DEMO_CARD);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.member).toMatchObject({
      memberId: demoMemberId(1),
      balance: 25,
      lifetimeEarned: 25,
      tier: 'Gold',
    });
    expect(r.value.ledgerTotals).toEqual({ points: 25 });
    expect(r.value.ledger.map((l) => [l.ruleId, l.amount, l.text, l.terminalId, l.seq])).toEqual([
      ['breakfast-pair', 15, '+15 points — Breakfast pairing bonus', 'T1', 1],
      ['earn', 10, '+10 points — 2 points per euro', 'T1', 1],
    ]);
    // Re-importing HQ's data never touches the folded figures.
    await importMembers(
      s,
      [
        {
          memberId: demoMemberId(1),
          homeStoreId: DEMO_STORE.storeId,
          fullName: 'Johanna de Vries',
          optedIn: false,
          cards: [],
        },
      ],
      NOW,
    );
    expect(await s.members.get(demoMemberId(1))).toMatchObject({ balance: 25, optedIn: false });
  });
});
