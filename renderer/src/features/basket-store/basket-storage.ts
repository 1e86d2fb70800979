import { z } from 'zod';
import { JOURNAL_BOUNDS as B } from '../../../../core/journal/bounds';
import { cents } from '../../../../core/money';
import type { BasketLine } from '../checkout/basket';
import type { OpenSale } from '../checkout/checkout-state';
import type { Identification } from '../members/identify';

/*
 * The open basket and the parked ones, kept in local storage per terminal so a reload or a
 * crash of the till loses nothing the cashier rang up. Versioned JSON, checked with zod on
 * every read: an entry this build cannot read (corrupt, or from another version) is dropped
 * with a console warning — the till then starts empty rather than not at all.
 */

export const BASKET_STORAGE_VERSION = 1;

const id = z.string().min(1).max(B.maxIdLength);
const centsValue = z.number().int().min(0).max(B.maxAbsCents);

const lineSchema = z.object({
  lineId: id,
  productId: id,
  code: z.string().min(1).max(B.maxIdLength),
  name: z.string().max(B.maxNameLength),
  kind: z.enum(['each', 'weighed', 'priced']),
  quantity: z.number().int().min(1).max(B.maxQuantity),
  weightGrams: z.number().int().min(1).max(B.maxWeightGrams).optional(),
  unitPriceCents: centsValue,
  amountCents: centsValue,
});

const identificationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('member'),
    memberId: id,
    via: z.enum(['card', 'app', 'phone']),
    card: z.string().min(1).max(B.maxIdLength).nullable(),
  }),
  z.object({ kind: z.literal('provisional'), card: z.string().min(1).max(B.maxIdLength) }),
]);

const saleSnapshotSchema = z.object({
  saleId: id,
  lines: z.array(lineSchema).max(2_000),
  flags: z.array(z.string().min(1).max(64)).max(50),
  overrides: z.array(id).max(100),
  extra: z.json().nullable(),
  member: identificationSchema.nullable(),
});

const openEntrySchema = z.object({
  version: z.literal(BASKET_STORAGE_VERSION),
  sale: saleSnapshotSchema,
});

const parkedSchema = z.object({
  parkedId: id,
  name: z.string().max(80),
  parkedAt: z.number().int().min(0),
  sale: saleSnapshotSchema,
});

const parkedEntrySchema = z.object({
  version: z.literal(BASKET_STORAGE_VERSION),
  parked: z.array(z.unknown()).max(1_000),
});

/** An open sale as kept: its id, what is on it and who it belongs to. */
export interface SaleSnapshot extends OpenSale {
  saleId: string;
  member: Identification | null;
}

export interface ParkedBasket {
  parkedId: string;
  /** The cashier's name for it ("the lady in red"), or empty: the till then shows the time. */
  name: string;
  parkedAt: number;
  sale: SaleSnapshot;
}

export interface BasketStorage {
  loadOpen(): SaleSnapshot | null;
  saveOpen(sale: SaleSnapshot): void;
  loadParked(): ParkedBasket[];
  saveParked(parked: readonly ParkedBasket[]): void;
}

type StoredSale = z.infer<typeof saleSnapshotSchema>;

const toSnapshot = (s: StoredSale): SaleSnapshot => ({
  saleId: s.saleId,
  basket: {
    lines: s.lines.map(
      (l): BasketLine => ({
        ...l,
        unitPriceCents: cents(l.unitPriceCents),
        amountCents: cents(l.amountCents),
      }),
    ),
  },
  flags: s.flags,
  overrides: s.overrides,
  extra: s.extra,
  member: s.member,
});

const toStored = (s: SaleSnapshot) => ({
  saleId: s.saleId,
  lines: s.basket.lines,
  flags: s.flags,
  overrides: s.overrides,
  extra: s.extra ?? null,
  member: s.member,
});

function readJson(storage: Storage, key: string): unknown {
  const raw = storage.getItem(key);
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return Symbol.for('corrupt');
  }
}

/** A full or unavailable storage costs the copy, never the till: the sale goes on in memory. */
function write(storage: Storage, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch (e) {
    console.warn(`kassa: could not keep ${key} in local storage: ${(e as Error).message}`);
  }
}

function drop(storage: Storage, key: string, why: string): void {
  console.warn(`kassa: dropped the stored ${why} (${key}): this build cannot read it`);
  storage.removeItem(key);
}

export function createBasketStorage(terminalId: string, storage: Storage = localStorage): BasketStorage {
  const openKey = `kassa.openBasket.${terminalId}`;
  const parkedKey = `kassa.parkedBaskets.${terminalId}`;
  return {
    loadOpen() {
      const json = readJson(storage, openKey);
      if (json === undefined) return null;
      const parsed = openEntrySchema.safeParse(json);
      if (parsed.success) return toSnapshot(parsed.data.sale);
      drop(storage, openKey, 'open basket');
      return null;
    },
    saveOpen(sale) {
      write(storage, openKey, { version: BASKET_STORAGE_VERSION, sale: toStored(sale) });
    },
    loadParked() {
      const json = readJson(storage, parkedKey);
      if (json === undefined) return [];
      const parsed = parkedEntrySchema.safeParse(json);
      if (!parsed.success) {
        drop(storage, parkedKey, 'parked baskets');
        return [];
      }
      // One unreadable parked basket is dropped; the others stay.
      const kept: ParkedBasket[] = [];
      for (const entry of parsed.data.parked) {
        const p = parkedSchema.safeParse(entry);
        if (p.success) kept.push({ ...p.data, sale: toSnapshot(p.data.sale) });
        else console.warn(`kassa: dropped a parked basket this build cannot read (${parkedKey})`);
      }
      return kept;
    },
    saveParked(parked) {
      const list = parked.map((p) => ({ ...p, sale: toStored(p.sale) }));
      write(storage, parkedKey, { version: BASKET_STORAGE_VERSION, parked: list });
    },
  };
}
