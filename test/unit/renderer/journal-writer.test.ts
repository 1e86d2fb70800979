import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import {
  admitEvent,
  checkChainLink,
  GENESIS_HASH,
  saleTotalsProblem,
  saleV5Schema,
  type SaleEvent,
} from '../../../core/journal';
import { createIdFactory } from '../../../core/ids';
import { cents } from '../../../core/money';
import type { StoreSettings } from '../../../core/store/store-settings';
import { createKassaDatabase, type KassaDatabase } from '../../../renderer/src/db/database';
import { createJournalWriter, type ChainHead } from '../../../renderer/src/db/journal-writer';
import { addProduct, EMPTY_BASKET } from '../../../renderer/src/features/checkout/basket';
import { buildSaleEvent } from '../../../renderer/src/features/checkout/build-sale-event';

const store: StoreSettings = {
  storeId: 'store-demo-ams',
  name: 'Demo',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};
const milk = { id: 'p-milk', code: '8710000000017', name: 'Melk', priceCents: 129, unit: 'each' as const };
const added = addProduct(
  EMPTY_BASKET,
  milk,
  { kind: 'gtin', symbology: 'ean13', gtin: milk.code, lookupCode: milk.code },
  'l1',
);
if (!added.ok) throw new Error(added.message);
const basket = added.value;
const newId = createIdFactory();
// 23:30 UTC on 31 Dec is already 1 Jan in Amsterdam.
const NEW_YEAR_NIGHT = Date.UTC(2025, 11, 31, 23, 30);

let db: KassaDatabase | undefined;
let dbCount = 0;
async function openDb(): Promise<KassaDatabase> {
  db = await createKassaDatabase(`test-journal-${++dbCount}`, 'strict', getRxStorageMemory());
  return db;
}
afterEach(async () => {
  await db?.remove();
  db = undefined;
});

function sale(head: ChainHead): SaleEvent {
  return buildSaleEvent(
    basket,
    { method: 'card', amountCents: cents(129) },
    {
      id: newId(NEW_YEAR_NIGHT),
      terminalId: 'T1',
      store,
      seq: head.seq + 1,
      prevHash: head.hash,
      nowMs: NEW_YEAR_NIGHT,
    },
  );
}

describe('journal writer', () => {
  it('writes the current sale version: subtotal, no discounts yet, an anonymous member, no loyalty', async () => {
    const writer = createJournalWriter({ db: await openDb(), resumePoint: async () => undefined });
    const e = await writer.append(sale);
    expect(e).toMatchObject({
      type: 'sale',
      schemaVersion: 5,
      flags: [],
      donations: [],
      subtotalCents: 129,
      discountCents: 0,
      totalCents: 129,
      memberId: null,
      loyalty: null,
      lines: [{ lineId: 'l1', amountCents: 129, discountCents: 0 }],
    });
    expect(saleTotalsProblem(e)).toBeUndefined();
    // What the till wrote is what the server understands, as it is.
    const stored = (await db!.journal.findOne(e.id).exec())!.toJSON();
    const admitted = admitEvent(stored as Record<string, unknown>, {
      terminalId: 'T1',
      storeId: store.storeId,
      storeCurrency: store.currency,
      terminalMaxSeq: 0,
    });
    expect(admitted).toEqual({ kind: 'understood', envelope: expect.anything(), event: e });
  });

  it("stores a member sale's loyalty block as the till built it", async () => {
    const writer = createJournalWriter({ db: await openDb(), resumePoint: async () => undefined });
    const loyalty = {
      memberId: 'm-42',
      provisionalCard: null,
      programs: [{ programId: 'prog-1', version: 3 }],
      ledger: [
        {
          id: 'l-1',
          account: 'points',
          unit: 'points',
          amount: 1,
          programId: 'prog-1',
          programVersion: 3,
          ruleId: 'r-points',
          text: '1 point per euro',
        },
      ],
    };
    const e = await writer.append((head) =>
      buildSaleEvent(
        basket,
        { method: 'card', amountCents: cents(129) },
        {
          id: newId(NEW_YEAR_NIGHT),
          terminalId: 'T1',
          store,
          seq: head.seq + 1,
          prevHash: head.hash,
          nowMs: NEW_YEAR_NIGHT,
          memberId: 'm-42',
          loyalty,
        },
      ),
    );
    expect(e).toMatchObject({ schemaVersion: 5, memberId: 'm-42', loyalty });
    const stored = (await db!.journal.findOne(e.id).exec())!.toJSON();
    expect(stored.type === 'sale' && stored.loyalty).toEqual(loyalty);
    expect(stored.hash).toBe(e.hash);
  });

  it('chains sales gap-free from seq 1 and the genesis hash, each one valid for the server', async () => {
    const writer = createJournalWriter({ db: await openDb(), resumePoint: async () => undefined });
    const events = await Promise.all([writer.append(sale), writer.append(sale), writer.append(sale)]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[0]?.prevHash).toBe(GENESIS_HASH);
    events.forEach((e, i) => {
      expect(saleV5Schema.safeParse(e).success).toBe(true);
      expect(checkChainLink(e, i === 0 ? undefined : events[i - 1]?.hash)).toBeUndefined();
    });
    expect(events[0]?.businessDay).toBe('2026-01-01');
    expect(await db!.journal.count().exec()).toBe(3);
  });

  it("continues from the server's resume point when the local journal is empty (a reinstalled till)", async () => {
    const head = { seq: 41, hash: 'a'.repeat(64) };
    let asked = 0;
    const writer = createJournalWriter({
      db: await openDb(),
      resumePoint: async () => {
        asked++;
        return head;
      },
    });
    const first = await writer.append(sale);
    const second = await writer.append(sale);
    expect([first.seq, first.prevHash]).toEqual([42, head.hash]);
    expect([second.seq, second.prevHash]).toEqual([43, first.hash]);
    expect(asked).toBe(1);
  });

  it('starts at 1 when the server cannot be asked, rather than keep the customer waiting', async () => {
    const writer = createJournalWriter({
      db: await openDb(),
      resumePoint: () => Promise.reject(new Error('offline')),
    });
    expect((await writer.append(sale)).seq).toBe(1);
  });

  it('writes nothing when the event cannot be built, and the next sale takes the same seq', async () => {
    const writer = createJournalWriter({ db: await openDb(), resumePoint: async () => undefined });
    await expect(
      writer.append(() => {
        throw new Error('bug');
      }),
    ).rejects.toThrow('bug');
    expect((await writer.append(sale)).seq).toBe(1);
  });
});
