import { describe, expect, it } from 'vitest';
import {
  checkChainLink,
  eventHash,
  GENESIS_HASH,
  JOURNAL_SCHEMA_VERSION,
  saleV5Schema,
  sealEvent,
  type SaleEvent,
  type UnsignedEvent,
} from '../../../../core/journal/index';
import { createIdFactory } from '../../../../core/ids/ids';

const ids = createIdFactory();
const T0 = Date.UTC(2026, 10, 25, 12);

function unsignedSale(seq: number, prevHash: string): UnsignedEvent<SaleEvent> {
  return {
    id: ids(T0 + seq),
    type: 'sale',
    terminalId: 'T1',
    storeId: 'S1',
    seq,
    prevHash,
    createdAt: T0 + seq,
    businessDay: '2026-11-25',
    schemaVersion: JOURNAL_SCHEMA_VERSION,
    currency: 'EUR',
    lines: [
      {
        lineId: ids(T0),
        productId: 'p1',
        code: '4006381333931',
        name: 'Stabilo',
        quantity: 2,
        unitPriceCents: 199,
        amountCents: 398,
        discountCents: 0,
      },
    ],
    subtotalCents: 398,
    discountCents: 0,
    totalCents: 398,
    payments: [{ method: 'cash', amountCents: 398, tenderedCents: 500, changeCents: 102 }],
    memberId: null,
    loyalty: null,
    flags: [],
    donations: [],
    redemptions: [],
    coupons: [],
    issuedCodes: [],
    overrides: [],
  };
}

/** The same object with its keys (and nested keys) in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    ) as T;
  }
  return value;
}

describe('journal hash chain', () => {
  it('known answer: the SHA-256 of the canonical JSON (RFC 8785) of a fixed v2 sale', () => {
    // Expected value computed outside this code base: sha256 of the canonical JSON below.
    // {"businessDay":"2026-11-25","createdAt":1795608000000,"currency":"EUR","discountCents":0,
    //  "id":"01JDX2R4K8M3N5P7Q9S1T3V5W7","lines":[{"amountCents":258,"code":"8710000000017",…}],…}
    const sale = {
      id: '01JDX2R4K8M3N5P7Q9S1T3V5W7',
      type: 'sale',
      terminalId: 'T1',
      storeId: 'S1',
      seq: 1,
      prevHash: '0000000000000000000000000000000000000000000000000000000000000000',
      createdAt: 1795608000000,
      businessDay: '2026-11-25',
      schemaVersion: 2,
      currency: 'EUR',
      lines: [
        {
          lineId: 'l1',
          productId: 'p-milk',
          code: '8710000000017',
          name: 'Melk',
          quantity: 2,
          unitPriceCents: 129,
          amountCents: 258,
          discountCents: 0,
        },
        {
          lineId: 'l2',
          productId: 'p-banana',
          code: '2110001',
          name: 'Bananen',
          quantity: 1,
          weightGrams: 1234,
          unitPriceCents: 199,
          amountCents: 246,
          discountCents: 0,
        },
      ],
      subtotalCents: 504,
      discountCents: 0,
      totalCents: 504,
      payments: [{ method: 'cash', amountCents: 504, tenderedCents: 1000, changeCents: 496 }],
      memberId: null,
    };
    const expected = 'df3561c8b1c2694b6661668c05fd5384fabe4e0e2d4e82f300fa3f63af0bef05';
    expect(eventHash(sale)).toBe(expected);
    // `hash` and RxDB's `_deleted` flag are never part of what is hashed.
    expect(eventHash({ ...sale, hash: 'f'.repeat(64), _deleted: false })).toBe(expected);
    // Every other field is, unknown ones too.
    expect(eventHash({ ...sale, loyalty: { points: 5 } })).not.toBe(expected);
  });

  it('a sealed event is a valid sale event and its hash is SHA-256 hex', () => {
    const e = sealEvent<SaleEvent>(unsignedSale(1, GENESIS_HASH));
    expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(saleV5Schema.safeParse(e).success).toBe(true);
  });

  it('the hash does not depend on key order (canonical JSON)', () => {
    const u = unsignedSale(1, GENESIS_HASH);
    expect(eventHash(reversedKeys(u))).toBe(eventHash(u));
    expect(sealEvent<SaleEvent>(reversedKeys(u)).hash).toBe(sealEvent<SaleEvent>(u).hash);
  });

  it('a chain of events links each to the previous hash', () => {
    const e1 = sealEvent<SaleEvent>(unsignedSale(1, GENESIS_HASH));
    const e2 = sealEvent<SaleEvent>(unsignedSale(2, e1.hash));
    expect(checkChainLink(e1, undefined)).toBeUndefined();
    expect(checkChainLink(e2, e1.hash)).toBeUndefined();
  });

  it('detects an edited event', () => {
    const e1 = sealEvent<SaleEvent>(unsignedSale(1, GENESIS_HASH));
    const edited: SaleEvent = { ...e1, totalCents: 1 };
    expect(checkChainLink(edited, undefined)).toMatchObject({ reason: 'hash-mismatch' });
    const editedLine: SaleEvent = { ...e1, lines: [{ ...e1.lines[0]!, quantity: 1 }] };
    expect(checkChainLink(editedLine, undefined)?.message).toContain('edited');
  });

  it('detects a wrong prevHash, and a first event that does not start from genesis', () => {
    const e1 = sealEvent<SaleEvent>(unsignedSale(1, GENESIS_HASH));
    const e2 = sealEvent<SaleEvent>(unsignedSale(2, 'a'.repeat(64)));
    expect(checkChainLink(e2, e1.hash)).toMatchObject({ reason: 'prev-hash-mismatch' });
    const orphan = sealEvent<SaleEvent>(unsignedSale(1, 'b'.repeat(64)));
    expect(checkChainLink(orphan, undefined)).toMatchObject({ reason: 'prev-hash-mismatch' });
  });
});

describe('saleV5Schema', () => {
  const valid = () => sealEvent<SaleEvent>(unsignedSale(1, GENESIS_HASH));
  const issuePaths = (value: unknown) => {
    const r = saleV5Schema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };

  it('rejects malformed events and names the path of what is wrong', () => {
    const e = valid();
    expect(issuePaths({ ...e, lines: [{ ...e.lines[0], quantity: 0 }] })).toEqual(['lines.0.quantity']);
    expect(issuePaths({ ...e, lines: [] })).toEqual(['lines']);
    expect(issuePaths({ ...e, totalCents: 3.5 })).toEqual(['totalCents']);
    expect(issuePaths({ ...e, prevHash: 'nope' })).toEqual(['prevHash']);
    expect(issuePaths({ ...e, businessDay: '25-11-2026' })).toEqual(['businessDay']);
    expect(issuePaths({ ...e, payments: [{ method: 'cheque', amountCents: 398 }] })).toEqual([
      'payments.0.method',
    ]);
    expect(issuePaths({ ...e, id: 'not-a-ulid' })).toEqual(['id']);
  });

  it('gives a readable message for a bad id', () => {
    const r = saleV5Schema.safeParse({ ...valid(), id: 'x' });
    expect(r.success ? '' : r.error.issues[0]?.message).toBe('must be a ULID');
  });
});
