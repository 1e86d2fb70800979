import canonicalize from 'canonicalize';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EnrolmentEvent } from '../../../core/journal/enrolment-event';
import { eventHash } from '../../../core/journal/hash-chain';
import { GENESIS_HASH, type SaleEvent } from '../../../core/journal/sale-event';
import { referralCodeOf } from '../../../core/loyalty/referral-code';
import { syncPaths } from '../../../core/sync/protocol';
import { exceptionsReport } from '../../../sync-server/src/domain/admin-reports';
import { runLedgerJobs } from '../../../sync-server/src/domain/jobs/ledger-jobs';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { creditReferrals } from '../../../sync-server/src/domain/referrals/credit-referrals';
import { hashSecret } from '../../../sync-server/src/domain/tokens';
import { demoMemberId, SEED_SYSTEM_MEMBERS } from '../../../sync-server/src/demo/demo-members';
import { seedDemoStorage } from '../../../sync-server/src/demo/seed-demo';
import { referralsOf } from '../../../sync-server/src/storage/repos/referrals';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { makeSale } from './support/sale-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';
import { amsterdamStore, pairedTerminal } from './support/seed';
import { quietApp } from './support/app';

/**
 * Refer a friend, end to end on the server: a till enrols a friend with a member's referral code,
 * and the friend's first purchase — pushed by any till — rewards both of them once, through the
 * engine, on the server's own stream.
 */
const ADMIN = 'admin-token-for-tests';
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const TILLS = [
  { terminalId: 'T1', storeId: 's1', token: 'till-one-token' },
  { terminalId: 'T2', storeId: 's1', token: 'till-two-token' },
] as const;
const REFERRER = '01JD8Q2R5V7Q2KMX9D4TBC3WNE';
const FRIEND = '01JDX2R4K8M3N5P7Q9S1T3V5W7';
const FRIEND_2 = '01JDX2R4K8M3N5P7Q9S1T3V5W8';
const referral = {
  id: 'refer-a-friend',
  version: 1,
  name: 'Refer a friend',
  kind: 'referral',
  status: 'active',
  rules: [
    {
      id: 'referrer',
      name: 'Thanks for referring a friend: 250 points',
      when: { type: 'event', events: ['referral'] },
      then: [{ type: 'points-fixed', points: 250 }],
      limits: { perMemberPerYear: 1 },
    },
    {
      id: 'referee-welcome',
      name: 'Welcome, friend: 250 points',
      when: { type: 'event', events: ['referee-first-purchase'] },
      then: [{ type: 'points-fixed', points: 250 }],
      limits: { perMemberLifetime: 1 },
    },
  ],
};
const seal = <T extends object>(d: T): T => ({ ...d, hash: eventHash(d) });

/** A till's chain: each event follows the last one written on that till. */
function chainOf(till: (typeof TILLS)[number]) {
  let seq = 0;
  let prevHash = GENESIS_HASH;
  const next = <T extends { hash: string }>(e: T): T => {
    prevHash = e.hash;
    return e;
  };
  return {
    enrol(memberId: string, referralCode: string | null, extra: Partial<EnrolmentEvent> = {}) {
      seq++;
      const base = makeSale({ ...till, seq, prevHash });
      return next(
        seal({
          id: base.id,
          type: 'enrolment',
          terminalId: till.terminalId,
          storeId: till.storeId,
          seq,
          prevHash,
          schemaVersion: 2,
          createdAt: base.createdAt,
          businessDay: base.businessDay,
          memberId,
          card: `26200000${memberId.slice(-5)}`,
          cardSource: 'stock',
          fullName: 'Ana Popescu',
          email: null,
          phoneHash: null,
          phoneLast3: null,
          consent: { marketing: true, dataProcessing: true, textVersion: 'nl-2026-11' },
          referralCode,
          ...extra,
        } as unknown as EnrolmentEvent),
      );
    },
    /** A sale for the member that earns nothing at the till (the referral rules are not purchase rules). */
    buy(memberId: string) {
      seq++;
      const { hash: _h, ...sale } = makeSale({ ...till, seq, prevHash });
      return next(
        seal({
          ...sale,
          memberId,
          loyalty: {
            memberId,
            provisionalCard: null,
            programs: [{ programId: referral.id, version: 1 }],
            ledger: [],
          },
        } as unknown as SaleEvent),
      );
    },
  };
}

describe.each([sqliteAdapter(), postgresAdapter()])('referrals: $name', (adapter: AdapterUnderTest) => {
  let s: Storage;
  let app: FastifyInstance;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    await s.transaction(async (tx) => {
      await tx.stores.upsert(amsterdamStore(), 1);
      for (const t of TILLS) {
        await tx.terminals.insert(pairedTerminal(t, hashSecret(t.token)));
      }
      await tx.members.upsert([
        {
          memberId: REFERRER,
          homeStoreId: 's1',
          fullName: 'Johanna de Vries',
          phoneHash: 'a'.repeat(64),
          enrolledAt: 1,
          optedIn: true,
          cards: ['2620000000019'],
        },
      ]);
      await tx.programs.publish(
        { programId: referral.id, version: 1, body: referral, scopeStores: null },
        1,
        (v) => canonicalize(v) as string,
      );
    });
    app = await quietApp(s, ADMIN, () => NOW);
  });
  afterEach(async () => {
    await app.close();
    await s.close();
  });

  const push = async (till: (typeof TILLS)[number], docs: readonly object[]) => {
    const r = await app.inject({
      method: 'POST',
      url: syncPaths.push('journal'),
      headers: { authorization: `Bearer ${till.token}` },
      payload: docs.map((d) => ({ newDocumentState: { ...d, _deleted: false } })),
    });
    expect(r.statusCode).toBe(200);
  };
  const balance = async (id: string) => (await s.members.get(id))?.balance;
  const hqActions = async () =>
    (await s.journal.page(0, 100, 'hq')).map((e) => {
      const b = JSON.parse(e.body) as { memberId: string; action: { type: string; ref: string } };
      return [b.memberId, b.action.type, b.action.ref];
    });
  const exceptionKinds = async () => (await exceptionsReport(s, { limit: 50 })).exceptions.map((x) => x.kind);

  it("the friend's first purchase, from another till, rewards both sides once: duplicate push, refold and a second purchase add nothing", async () => {
    const t1 = chainOf(TILLS[0]);
    const t2 = chainOf(TILLS[1]);
    // The code as the referrer reads it out, typed in lower case by the cashier.
    await push(TILLS[0], [t1.enrol(FRIEND, (referralCodeOf(REFERRER) as string).toLowerCase())]);
    expect(await referralsOf(s.db).ofReferee(FRIEND)).toMatchObject({
      referrerId: REFERRER,
      terminalId: 'T1',
      creditedAt: null,
    });
    expect(await hqActions()).toEqual([]); // enrolled, not bought yet: nobody earns

    const first = t2.buy(FRIEND);
    await push(TILLS[1], [first]);
    expect(await balance(FRIEND)).toBe(250);
    expect(await balance(REFERRER)).toBe(250);
    expect(await hqActions()).toEqual([
      [FRIEND, 'referee-first-purchase', REFERRER],
      [REFERRER, 'referral', FRIEND],
    ]);
    expect((await referralsOf(s.db).ofReferee(FRIEND))?.creditedAt).toBe(NOW);

    await push(TILLS[1], [first]); // the till did not get the answer and pushes again
    await push(TILLS[1], [t2.buy(FRIEND)]); // the friend's second purchase
    expect(await runLedgerJobs(s, NOW)).toMatchObject({ referrals: { credited: 0 } });
    await refoldProjection(s, 'ledger', NOW);
    expect([await balance(FRIEND), await balance(REFERRER)]).toEqual([250, 250]);
    expect(await hqActions()).toHaveLength(2);
    const rows = await s.ledger.ofMember(REFERRER);
    expect(rows.map((r) => [r.amount, r.terminal_id, r.created_at])).toEqual([[250, 'hq', first.createdAt]]);
    expect(await exceptionKinds()).toEqual([]); // the server's re-evaluation of the sales agrees
  });

  it('a server killed between the push and the credit: the ledger jobs credit both sides, once', async () => {
    const t1 = chainOf(TILLS[0]);
    const docs = [t1.enrol(FRIEND, referralCodeOf(REFERRER)), t1.buy(FRIEND)];
    // The push as the route runs it, without the step after it.
    const rows = docs.map((d) => ({
      newDocumentState: { ...d, _deleted: false } as Record<string, unknown>,
    }));
    expect(await pushJournal(s, TILLS[0], rows, NOW)).toMatchObject({ ok: true });
    expect(await balance(REFERRER)).toBe(0);
    expect(await runLedgerJobs(s, NOW + 3_600_000)).toMatchObject({ referrals: { credited: 1 } });
    expect(await runLedgerJobs(s, NOW + 7_200_000)).toMatchObject({ referrals: { credited: 0 } });
    expect([await balance(FRIEND), await balance(REFERRER)]).toEqual([250, 250]);
  });

  it('two credits at once (two pushes, or a push and the jobs) credit once', async () => {
    const t1 = chainOf(TILLS[0]);
    const docs = [t1.enrol(FRIEND, referralCodeOf(REFERRER)), t1.buy(FRIEND)];
    const rows = docs.map((d) => ({
      newDocumentState: { ...d, _deleted: false } as Record<string, unknown>,
    }));
    expect(await pushJournal(s, TILLS[0], rows, NOW)).toMatchObject({ ok: true });
    const both = await Promise.all([creditReferrals(s, NOW, undefined, [FRIEND]), creditReferrals(s, NOW)]);
    expect(both.map((r) => r.credited).sort()).toEqual([0, 1]);
    expect([await balance(FRIEND), await balance(REFERRER)]).toEqual([250, 250]);
    expect(await hqActions()).toHaveLength(2);
  });

  it("the referrer's limit holds: a second friend in the same year is welcomed, the referrer earns nothing more", async () => {
    const t1 = chainOf(TILLS[0]);
    const code = referralCodeOf(REFERRER);
    await push(TILLS[0], [t1.enrol(FRIEND, code), t1.buy(FRIEND)]);
    await push(TILLS[0], [t1.enrol(FRIEND_2, code), t1.buy(FRIEND_2)]);
    expect([await balance(FRIEND), await balance(FRIEND_2), await balance(REFERRER)]).toEqual([
      250, 250, 250,
    ]);
    // The second referral is done all the same: its trace says why the referrer got nothing.
    expect(await hqActions()).toHaveLength(4);
    const last = JSON.parse((await s.journal.page(0, 100, 'hq'))[3]?.body ?? '{}') as {
      trace: { ruleId: string; outcome: string }[];
    };
    expect(last.trace).toContainEqual(
      expect.objectContaining({ ruleId: 'referrer', outcome: 'limit-reached' }),
    );
  });

  it('an unknown code, a code that is not one and a self-referral are raised; the member is enrolled, nobody is rewarded', async () => {
    const t1 = chainOf(TILLS[0]);
    const stranger = '01JDX2R4K8M3N5P7Q9S1T3V5W9';
    const self = '01JDX2R4K8M3N5P7Q9S1T3V5WA';
    await push(TILLS[0], [
      t1.enrol(FRIEND, '00000-00000'),
      t1.enrol(FRIEND_2, 'FRIEND-42'),
      t1.enrol(stranger, referralCodeOf(stranger)),
      // The referrer again, with a second card and the same phone: their own code.
      t1.enrol(self, referralCodeOf(REFERRER), { phoneHash: 'a'.repeat(64), phoneLast3: '123' }),
    ]);
    for (const id of [FRIEND, FRIEND_2, stranger, self]) expect(await s.members.get(id)).toBeDefined();
    expect((await exceptionKinds()).sort()).toEqual([
      'referral-self',
      'referral-self',
      'referral-unknown',
      'referral-unknown',
    ]);
    const { exceptions: report } = await exceptionsReport(s, { limit: 50 });
    expect(report.map((x) => x.message).join('\n')).toContain('"FRIEND-42", which is not a referral code');
    await push(TILLS[0], [t1.buy(FRIEND), t1.buy(self)]);
    expect(await hqActions()).toEqual([]);
    expect(await balance(REFERRER)).toBe(0);
  });

  it('the demo seed records Jesse as Yara’s referrer, once, however often it runs', async () => {
    await seedDemoStorage(s, NOW);
    await seedDemoStorage(s, NOW + 1);
    expect(await referralsOf(s.db).ofReferee(demoMemberId(SEED_SYSTEM_MEMBERS.referee))).toMatchObject({
      referrerId: demoMemberId(SEED_SYSTEM_MEMBERS.referrer),
      referredAt: NOW,
      creditedAt: null,
    });
  });
});
