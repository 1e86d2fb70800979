import canonicalize from 'canonicalize';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withUnsyncedSales } from '../../../core/folds/unsynced-sales';
import { sealEvent } from '../../../core/journal/hash-chain';
import { GENESIS_HASH, type SaleEvent } from '../../../core/journal/sale-event';
import { rulesMemberOf } from '../../../core/loyalty/rules-member';
import { basketLineFromSale } from '../../../core/rules/from-sale';
import { evaluate } from '../../../core/rules/evaluate';
import { parseProgram } from '../../../core/rules/validate';
import { exceptionsReport } from '../../../sync-server/src/domain/admin-reports';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import type { MemberRecord } from '../../../sync-server/src/storage/repos/members';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { makeSale } from './support/sale-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/**
 * A till offline queues two sales of the same member and pushes them together: the server must
 * re-evaluate the second against the member as of just before it (after the first), as the till did.
 */
const T1 = { terminalId: 'T1', storeId: 's1' };
const ZONE = 'Europe/Amsterdam';
const program = (() => {
  const r = parseProgram({
    id: 'counting',
    version: 1,
    name: 'Welcome bonus and a daily visit bonus',
    kind: 'points',
    status: 'active',
    pointsCurrency: 'points',
    rules: [
      {
        id: 'welcome',
        name: 'Welcome',
        when: { type: 'first-purchase' },
        then: [{ type: 'points-fixed', points: 100 }],
      },
      {
        id: 'daily',
        name: 'First visit of the day',
        when: { type: 'member' },
        then: [{ type: 'points-fixed', points: 5 }],
        limits: { perMemberPerDay: 1 },
      },
    ],
  });
  if (!r.ok) throw new Error(r.message);
  return r.value;
})();

describe.each([sqliteAdapter(), postgresAdapter()])(
  'rule drift of a member’s sales pushed together: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      await s.transaction(async (tx) => {
        await tx.stores.upsert(
          { storeId: 's1', name: 'W', currency: 'EUR', timeZone: ZONE, locale: 'nl-NL', variableMeasure: [] },
          1,
        );
        await tx.terminals.insert({ ...T1, name: null, tokenHash: 'a', pairedAt: 1 });
        await tx.programs.publish(
          {
            programId: program.id,
            version: program.version,
            body: program as unknown as Record<string, unknown>,
            scopeStores: null,
          },
          1,
          (v) => canonicalize(v) as string,
        );
        await tx.members.upsert([
          {
            memberId: 'M1',
            homeStoreId: 's1',
            fullName: 'Ana Popescu',
            enrolledAt: 1,
            optedIn: true,
            cards: [],
          },
        ]);
      });
    });
    afterEach(() => s.close());

    const push = (docs: readonly object[]) =>
      pushJournal(
        s,
        T1,
        docs.map((d) => ({ newDocumentState: { ...d, _deleted: false } as Record<string, unknown> })),
        1000,
      );

    /** Two sales as the till evaluates them offline (useMemberForRules): the second sees the first's counters. */
    async function twoSalesAtTheTill(): Promise<SaleEvent[]> {
      // The till's replica of the member (what the server last sent), and its own journal.
      const replica: MemberRecord = (await s.members.get('M1'))!;
      let prevHash = GENESIS_HASH;
      const out: SaleEvent[] = [];
      for (const seq of [1, 2]) {
        const { hash: _h, ...base } = makeSale({ ...T1, seq, prevHash });
        const member = withUnsyncedSales(replica, 'T1', out);
        const result = evaluate(
          [program],
          { id: base.id, currency: 'EUR', lines: base.lines.map((l) => basketLineFromSale(l, undefined)) },
          rulesMemberOf(member),
          { at: base.createdAt, storeId: 's1', channel: 'store', timeZone: ZONE, transactionId: base.id },
        );
        const ledger = result.ledger.map((e) => ({ ...e }));
        const sale = sealEvent<SaleEvent>({
          ...base,
          memberId: 'M1',
          loyalty: {
            memberId: 'M1',
            provisionalCard: null,
            programs: [{ programId: program.id, version: program.version }],
            ledger,
          },
        });
        prevHash = sale.hash;
        out.push(sale);
      }
      return out;
    }

    const ledgerOfM1 = async () => {
      const m = await s.members.get('M1');
      return { balance: m?.balance, purchases: m?.counters.purchaseCount, rules: m?.counters.rules };
    };

    it('the till books the welcome bonus and the daily bonus once, on the first sale only', async () => {
      const [first, second] = await twoSalesAtTheTill();
      expect(first!.loyalty!.ledger.map((e) => [e.ruleId, e.amount]).sort()).toEqual([
        ['daily', 5],
        ['welcome', 100],
      ]);
      expect(second!.loyalty!.ledger).toEqual([]);
    });

    it('raises no rule-drift when both are pushed in one batch, and books 105', async () => {
      const sales = await twoSalesAtTheTill();
      expect(await push(sales)).toMatchObject({ ok: true, value: { accepted: 2, foldFailures: 0 } });
      expect((await exceptionsReport(s, {})).exceptions).toEqual([]);
      expect(await ledgerOfM1()).toMatchObject({ balance: 105, purchases: 2 });
    });

    it('raises no rule-drift when pushed one by one, and books the same ledger as one batch', async () => {
      const sales = await twoSalesAtTheTill();
      for (const sale of sales) expect(await push([sale])).toMatchObject({ ok: true });
      expect((await exceptionsReport(s, {})).exceptions).toEqual([]);
      const oneByOne = await ledgerOfM1();
      expect(oneByOne).toMatchObject({ balance: 105, purchases: 2 });
      expect(await refoldProjection(s, 'ledger', 2000)).toMatchObject({ ok: true });
      expect(await ledgerOfM1()).toEqual(oneByOne);
    });

    it('still raises rule-drift when the second sale books the welcome bonus again', async () => {
      const [first, second] = await twoSalesAtTheTill();
      const { hash: _h, ...unsealed } = second!;
      const welcomeAgain = first!.loyalty!.ledger.find((e) => e.ruleId === 'welcome')!;
      const doubled = sealEvent<SaleEvent>({
        ...unsealed,
        loyalty: {
          ...unsealed.loyalty!,
          ledger: [{ ...welcomeAgain, id: `${unsealed.id}:counting:welcome:points` }],
        },
      });
      await push([first!, doubled]);
      expect((await exceptionsReport(s, {})).exceptions).toMatchObject([
        {
          kind: 'rule-drift',
          eventId: doubled.id,
          detail: { count: 1, rows: [{ till: 100, server: null }] },
        },
      ]);
    });
  },
);
