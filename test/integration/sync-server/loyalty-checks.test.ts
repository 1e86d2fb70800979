import canonicalize from 'canonicalize';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventHash } from '../../../core/journal/hash-chain';
import { GENESIS_HASH, type SaleEvent } from '../../../core/journal/sale-event';
import type { EnrolmentEvent } from '../../../core/journal/enrolment-event';
import { rulesMemberOf } from '../../../core/loyalty/rules-member';
import { basketLineFromSale } from '../../../core/rules/from-sale';
import { evaluate } from '../../../core/rules/evaluate';
import { parseProgram } from '../../../core/rules/validate';
import { exceptionsReport } from '../../../sync-server/src/domain/admin-reports';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { toDoc } from '../../../sync-server/src/storage/repos/members';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { makeSale } from './support/sale-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/** Enrolment at the till, and the server's re-evaluation of what the till recorded. */
const T1 = { terminalId: 'T1', storeId: 's1' };
const stars = (() => {
  const r = parseProgram(
    JSON.parse(
      readFileSync(
        new URL('../../../sync-server/programs/examples/starbucks-stars.json', import.meta.url),
        'utf8',
      ),
    ),
  );
  if (!r.ok) throw new Error(r.message);
  return r.value;
})();
const seal = <T extends object>(d: T): T => ({ ...d, hash: eventHash(d) });

describe.each([sqliteAdapter(), postgresAdapter()])(
  'enrolment and rule drift: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      await s.transaction(async (tx) => {
        await tx.stores.upsert(
          {
            storeId: 's1',
            name: 'W',
            currency: 'EUR',
            timeZone: 'Europe/Amsterdam',
            locale: 'nl-NL',
            variableMeasure: [],
          },
          1,
        );
        await tx.terminals.insert({ ...T1, name: null, tokenHash: 'a', pairedAt: 1 });
        await tx.programs.publish(
          {
            programId: stars.id,
            version: stars.version,
            body: stars as unknown as Record<string, unknown>,
            scopeStores: null,
          },
          1,
          (v) => canonicalize(v) as string,
        );
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

    /** What a till writes: the enrolment, then a sale evaluated for the new member with the published program. */
    function enrolThenBuy(tamper?: (ledger: SaleEvent['loyalty']) => void) {
      const base = makeSale({ ...T1, seq: 1, prevHash: GENESIS_HASH });
      const enrolment = seal<EnrolmentEvent>({
        id: base.id,
        type: 'enrolment',
        terminalId: 'T1',
        storeId: 's1',
        seq: 1,
        prevHash: GENESIS_HASH,
        schemaVersion: 1,
        createdAt: base.createdAt,
        businessDay: base.businessDay,
        memberId: '01JDX2R4K8M3N5P7Q9S1T3V5W7',
        card: '2620000000019',
        fullName: 'Ana Popescu',
        email: null,
        phoneHash: null,
        phoneLast3: null,
        consent: { marketing: true, dataProcessing: true, textVersion: 'nl-2026-11' },
        referralCode: null,
      } as unknown as EnrolmentEvent);
      const sale0 = makeSale({ ...T1, seq: 2, prevHash: enrolment.hash });
      const member = {
        memberId: enrolment.memberId,
        tier: null,
        segments: [],
        birthday: null,
        enrolledAt: enrolment.createdAt,
        optedIn: true,
        counters: { purchaseCount: 0, visits: [], rules: {}, stamps: {}, challenges: {}, badges: [] },
      };
      const result = evaluate(
        [stars],
        { id: sale0.id, currency: 'EUR', lines: sale0.lines.map((l) => basketLineFromSale(l, undefined)) },
        rulesMemberOf(member),
        {
          at: sale0.createdAt,
          storeId: 's1',
          channel: 'store',
          timeZone: 'Europe/Amsterdam',
          transactionId: sale0.id,
        },
      );
      const loyalty = {
        memberId: enrolment.memberId,
        provisionalCard: null,
        programs: [{ programId: stars.id, version: stars.version }],
        ledger: result.ledger.map((e) => ({ ...e })),
      };
      tamper?.(loyalty);
      const { hash: _h, ...unsealed } = sale0;
      const sale = seal({ ...unsealed, memberId: enrolment.memberId, loyalty });
      return { enrolment, sale, earned: result.ledger.reduce((n, e) => n + e.amount, 0) };
    }

    it('enrols a member at the till and books the sale that follows on them, in one push', async () => {
      const { enrolment, sale, earned } = enrolThenBuy();
      expect(earned).toBe(10); // 2 stars per euro on €5.04, rounded down
      expect(await push([enrolment, sale])).toMatchObject({
        ok: true,
        value: { accepted: 2, foldFailures: 0 },
      });
      const m = await s.members.get(enrolment.memberId);
      expect(m).toMatchObject({ displayName: 'A. P…', homeStoreId: 's1', optedIn: true, balance: 10 });
      expect(toDoc(m!, ['2620000000019'])).not.toHaveProperty('fullName');
      expect((await s.members.byCard('2620000000019'))?.memberId).toBe(enrolment.memberId);
      expect((await exceptionsReport(s, {})).exceptions).toEqual([]);
    });

    it('raises rule-drift when the till recorded other points than the server computes, and keeps the till’s', async () => {
      const { enrolment, sale } = enrolThenBuy((l) => {
        if (l?.ledger[0]) l.ledger[0].amount = 500;
      });
      await push([enrolment, sale]);
      expect((await s.members.get(enrolment.memberId))?.balance).toBe(500);
      expect((await exceptionsReport(s, {})).exceptions).toMatchObject([
        { kind: 'rule-drift', eventId: sale.id, detail: { count: 1, rows: [{ till: 500, server: 10 }] } },
      ]);
    });

    it('raises program-version-unknown for a version this server never published', async () => {
      const { enrolment, sale: original } = enrolThenBuy((l) => {
        if (l) l.programs = [{ programId: stars.id, version: 99 }];
      });
      await push([enrolment, original]);
      expect((await exceptionsReport(s, {})).exceptions).toMatchObject([
        { kind: 'program-version-unknown', eventId: original.id, detail: { unknown: ['stars@99'] } },
      ]);
    });

    it('does not take a card that already belongs to another member', async () => {
      await s.transaction((tx) =>
        tx.members.upsert([
          {
            memberId: 'M-old',
            homeStoreId: 's1',
            fullName: 'Old Member',
            enrolledAt: 1,
            optedIn: false,
            cards: ['2620000000019'],
          },
        ]),
      );
      const { enrolment } = enrolThenBuy();
      await push([enrolment]);
      expect((await s.members.byCard('2620000000019'))?.memberId).toBe('M-old');
      expect(await s.members.get(enrolment.memberId)).toBeDefined();
      expect((await exceptionsReport(s, {})).exceptions).toMatchObject([
        { kind: 'card-taken', eventId: enrolment.id },
      ]);
    });
  },
);
