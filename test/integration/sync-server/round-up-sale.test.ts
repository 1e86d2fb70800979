import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sealEvent } from '../../../core/journal/hash-chain';
import { GENESIS_HASH, type SaleEvent } from '../../../core/journal/sale-event';
import { basketFromSale } from '../../../core/rules/from-sale';
import { evaluate } from '../../../core/rules/evaluate';
import { parseProgram } from '../../../core/rules/validate';
import { exceptionsReport, salesReport } from '../../../sync-server/src/domain/admin-reports';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { SqliteStorage } from '../../../sync-server/src/storage/sqlite/sqlite-storage';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { kassaServerArgs } from '../../support/kassa-server-command';
import { asOlderSale, makeSale } from './support/sale-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';
import { amsterdamStore, pairedTerminal, publishProgram } from './support/seed';

/** A customer's round-up at the till (sale v4), as the server folds and re-evaluates it. */
const T1 = { terminalId: 'T1', storeId: 'store-demo-ams' };
const roundUp = (() => {
  const r = parseProgram(
    JSON.parse(
      readFileSync(new URL('../../../sync-server/programs/demo/round-up.json', import.meta.url), 'utf8'),
    ),
  );
  if (!r.ok) throw new Error(r.message);
  return r.value;
})();

/**
 * What the till writes for the €5.04 basket of makeSale: evaluated with the customer's flags; the
 * round-up gives €0.96 to the Voedselbank, paid in cash on top of the goods (€6.00, no change).
 */
function roundedUpSale(flags: readonly string[], recordedFlags: readonly string[] = flags): SaleEvent {
  const { hash: _h, ...base } = makeSale({ ...T1, seq: 1, prevHash: GENESIS_HASH });
  const result = evaluate(
    [roundUp],
    basketFromSale({ ...base, flags: [...flags] }, () => undefined),
    null,
    {
      at: base.createdAt,
      storeId: T1.storeId,
      channel: 'store',
      timeZone: 'Europe/Amsterdam',
      transactionId: base.id,
    },
  );
  const donations =
    result.totals.donationCents > 0 ? [{ cause: 'Voedselbank', cents: result.totals.donationCents }] : [];
  return sealEvent<SaleEvent>({
    ...base,
    flags: [...recordedFlags],
    donations,
    payments: [
      {
        method: 'cash' as const,
        amountCents: result.totals.toPayCents,
        tenderedCents: 600,
        changeCents: 600 - result.totals.toPayCents,
      },
    ],
    loyalty: {
      memberId: null,
      provisionalCard: null,
      programs: result.programs.map((p) => ({ programId: p.id, version: p.version })),
      ledger: result.ledger.map(({ memberId: _m, ...e }) => e),
    },
  });
}

/** The demo store, its till and the round-up program, as HQ set them up. */
async function setUp(s: Storage): Promise<void> {
  await s.transaction(async (tx) => {
    await tx.stores.upsert(amsterdamStore(T1.storeId, 'Amsterdam'), 1);
    await tx.terminals.insert(pairedTerminal(T1, 'a'));
    await publishProgram(tx, roundUp, [T1.storeId]);
  });
}

const push = (s: Storage, docs: readonly object[]) =>
  pushJournal(
    s,
    T1,
    docs.map((d) => ({ newDocumentState: { ...d, _deleted: false } as Record<string, unknown> })),
    1000,
  );

describe.each([sqliteAdapter(), postgresAdapter()])(
  'a round-up sale (v4): $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      await setUp(s);
    });
    afterEach(() => s.close());

    it('folds into sales with the donation beside the total, without rule-drift or totals-mismatch', async () => {
      const sale = roundedUpSale(['round-up']);
      expect(sale.donations).toEqual([{ cause: 'Voedselbank', cents: 96 }]);
      expect(await push(s, [sale])).toMatchObject({ ok: true, value: { accepted: 1, foldFailures: 0 } });
      expect((await exceptionsReport(s, {})).exceptions).toEqual([]);
      const report = await salesReport(s, {});
      // A donation is not revenue: the total is the goods; the payment took both.
      expect(report.sales).toMatchObject([
        { eventId: sale.id, totalCents: 504, donationCents: 96, payments: [{ amountCents: 600 }] },
      ]);
      expect(report.totals).toEqual({ count: 1, totalCents: 504 });
    });

    it('a sale whose donation the customer did not choose (no flag recorded) is drift', async () => {
      const sale = roundedUpSale(['round-up'], []);
      await push(s, [sale]);
      expect((await exceptionsReport(s, {})).exceptions).toMatchObject([
        { kind: 'rule-drift', eventId: sale.id, detail: { count: 1, rows: [{ till: 96, server: null }] } },
      ]);
    });

    it('a v3 sale from a till not yet upgraded still folds, with no donation', async () => {
      const v3 = asOlderSale(makeSale({ ...T1, seq: 1, prevHash: GENESIS_HASH }), 3);
      expect(await push(s, [v3])).toMatchObject({ ok: true, value: { accepted: 1, foldFailures: 0 } });
      expect((await salesReport(s, {})).sales).toMatchObject([
        { eventId: v3.id, totalCents: 504, donationCents: 0 },
      ]);
      expect((await exceptionsReport(s, {})).exceptions).toEqual([]);
    });

    it('an upgraded till drains its queue: a v3 sale and the current sale chained after it fold in one push', async () => {
      const queued = asOlderSale(makeSale({ ...T1, seq: 1, prevHash: GENESIS_HASH }), 3);
      const after = makeSale({ ...T1, seq: 2, prevHash: queued.hash });
      expect(await push(s, [queued, after])).toMatchObject({
        ok: true,
        value: { accepted: 2, foldFailures: 0 },
      });
      expect((await salesReport(s, {})).sales.map((x) => x.eventId).sort()).toEqual(
        [queued.id, after.id].sort(),
      );
      expect((await exceptionsReport(s, {})).exceptions).toEqual([]);
    });
  },
);

/** What an operator reads: `kassa-server sales` shows the donation beside the goods' total. */
describe('kassa-server sales with a round-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-round-up-cli-'));
  beforeAll(async () => {
    const s = await SqliteStorage.open(dir);
    await setUp(s);
    await push(s, [roundedUpSale(['round-up'])]);
    await s.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the sale with its total (the goods) and its donation, and the total of every sale without it', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      ...kassaServerArgs(),
      'sales',
      '--data-dir',
      dir,
    ]);
    const [header, , row] = stdout.split('\n');
    expect(header?.split(/\s{2,}/)).toEqual([
      'serverSeq',
      'terminal',
      'seq',
      'day',
      'lines',
      'total',
      'donation',
    ]);
    expect(row).toMatch(/5[.,]04\s+€?\s?0[.,]96/);
    expect(stdout).toMatch(/1 sales, total €\s?5[.,]04/);
  });
});
