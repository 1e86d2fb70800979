import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  admitEvent,
  checkChainLink,
  eventHash,
  EVENT_TYPES,
  envelopeSchema,
  JOURNAL_BOUNDS,
  type AdmissionContext,
  type EventTypeSpec,
} from '../../../../core/journal';
import { linesOf, NO_SPEND, SALE_ID, saleV1, saleV2, saleV3, saleV5 } from './sale-fixtures';

const ctx: AdmissionContext = { terminalId: 'T1', storeId: 'S1', storeCurrency: 'EUR', terminalMaxSeq: 0 };

/** A current (v5) sale doc as pushed: sealed, then handed over as a plain record. */
function doc(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return saleV5(overrides) as unknown as Record<string, unknown>;
}

/** reason, path and message of a refusal; anything else fails the test with its kind. */
function refusal(d: Record<string, unknown>, c: AdmissionContext = ctx) {
  const a = admitEvent(d, c);
  if (a.kind !== 'refused') throw new Error(`expected a refusal, got ${a.kind}`);
  return { reason: a.reason, path: a.path, message: a.message };
}

describe('admitEvent: an understood sale', () => {
  it('understands a valid v5 sale and hands back its envelope', () => {
    const d = doc();
    const a = admitEvent(d, ctx);
    expect(a).toEqual({
      kind: 'understood',
      envelope: {
        id: SALE_ID,
        terminalId: 'T1',
        storeId: 'S1',
        seq: 1,
        prevHash: d.prevHash,
        hash: d.hash,
        type: 'sale',
        schemaVersion: 5,
      },
      event: saleV5(),
    });
  });

  it('a v3 sale, as tills wrote it before round-up, is understood as v5 with no choices and no donations', () => {
    const v3 = saleV3() as unknown as Record<string, unknown>;
    const a = admitEvent(v3, ctx);
    if (a.kind !== 'understood') throw new Error(a.kind);
    expect(a.envelope.schemaVersion).toBe(3);
    expect(a.event).toEqual({ ...saleV3(), schemaVersion: 5, flags: [], donations: [], ...NO_SPEND });
    expect(eventHash(v3)).toBe(v3.hash);
  });

  it('a v5 sale with a round-up is understood with its flag and donation', () => {
    const d = doc({
      flags: ['round-up'],
      donations: [{ cause: 'Voedselbank', cents: 96 }],
      payments: [{ method: 'cash', amountCents: 600, tenderedCents: 600, changeCents: 0 }],
    });
    const a = admitEvent(d, ctx);
    if (a.kind !== 'understood' || a.event.type !== 'sale') throw new Error(a.kind);
    expect(a.event.flags).toEqual(['round-up']);
    expect(a.event.donations).toEqual([{ cause: 'Voedselbank', cents: 96 }]);
  });

  it('17 flags, a 21st donation or a donation of 0 cents are refused at their path', () => {
    const flags = Array.from({ length: 17 }, (_, i) => `f${i}`);
    expect(refusal(doc({ flags }))).toMatchObject({ path: 'flags' });
    expect(admitEvent(doc({ flags: flags.slice(0, 16) }), ctx).kind).toBe('understood');
    const donations = Array.from({ length: 21 }, (_, i) => ({ cause: `c${i}`, cents: 1 }));
    expect(refusal(doc({ donations }))).toMatchObject({ path: 'donations' });
    expect(refusal(doc({ donations: [{ cause: 'Voedselbank', cents: 0 }] }))).toMatchObject({
      path: 'donations.0.cents',
    });
  });

  it('keeps an unknown field, and the hash over the received document still verifies', () => {
    const d = doc({ giftCard: { last4: '1234', balanceCents: 1200 } });
    const a = admitEvent(d, ctx);
    expect(a.kind).toBe('understood');
    if (a.kind !== 'understood') return;
    expect((a.event as Record<string, unknown>).giftCard).toEqual({ last4: '1234', balanceCents: 1200 });
    expect(eventHash(d)).toBe(d.hash);
    expect(eventHash(a.event)).toBe(d.hash);
    expect(checkChainLink(a.event, undefined)).toBeUndefined();
  });

  it('keeps unknown fields inside lines and payments too', () => {
    const base = saleV3();
    const d = doc({
      lines: base.lines.map((l) => ({ ...l, shelf: 'A3' })),
      payments: base.payments.map((p) => ({ ...p, terminalRef: 'x1' })),
    });
    const a = admitEvent(d, ctx);
    if (a.kind !== 'understood' || a.event.type !== 'sale') throw new Error(a.kind);
    expect(a.event.lines[0]).toHaveProperty('shelf', 'A3');
    expect(a.event.payments[0]).toHaveProperty('terminalRef', 'x1');
    expect(eventHash(a.event)).toBe(d.hash);
  });

  it("ignores RxDB's `_deleted: false`: it is not part of the event", () => {
    const d: Record<string, unknown> = { ...doc(), _deleted: false };
    const a = admitEvent(d, ctx);
    if (a.kind !== 'understood') throw new Error(a.kind);
    expect(a.event).not.toHaveProperty('_deleted');
    expect(eventHash(d)).toBe(d.hash);
  });

  it('a v2 sale, as tills wrote it before loyalty, is understood as v5 with no loyalty block', () => {
    const v2 = saleV2() as unknown as Record<string, unknown>;
    const a = admitEvent(v2, ctx);
    if (a.kind !== 'understood') throw new Error(a.kind);
    expect(a.envelope.schemaVersion).toBe(2);
    expect(a.event).toEqual({
      ...saleV2(),
      schemaVersion: 5,
      loyalty: null,
      flags: [],
      donations: [],
      ...NO_SPEND,
    });
    expect(eventHash(v2)).toBe(v2.hash);
  });

  it('a v1 sale is understood as v5 through the upcasters', () => {
    const v1 = saleV1() as unknown as Record<string, unknown>;
    const a = admitEvent(v1, ctx);
    if (a.kind !== 'understood') throw new Error(a.kind);
    expect(a.envelope.schemaVersion).toBe(1);
    expect(a.event).toMatchObject({
      schemaVersion: 5,
      flags: [],
      donations: [],
      ...NO_SPEND,
      subtotalCents: 258,
      discountCents: 0,
      memberId: null,
      loyalty: null,
    });
    // The stored document is the v1 one, and its hash is over that.
    expect(eventHash(v1)).toBe(v1.hash);
  });
});

describe('admitEvent: bounds, with values that pass and values just past the limit', () => {
  it('500 lines are accepted; 501 are refused with path lines and the numbers in the message', () => {
    const lines500 = linesOf(500, 100_000_000);
    const total = 500 * 100_000_000;
    const payments = [{ method: 'card', amountCents: total }];
    const ok = doc({ lines: lines500, subtotalCents: total, totalCents: total, payments });
    expect(admitEvent(ok, ctx).kind).toBe('understood');

    const tooMany = doc({ lines: linesOf(501, 1), subtotalCents: 501, totalCents: 501 });
    expect(refusal(tooMany)).toEqual({
      reason: 'body-invalid',
      path: 'lines',
      message: `Event ${SALE_ID} (seq 1): lines has 501 entries; at most 500 are allowed.`,
    });
    expect(refusal(doc({ lines: linesOf(3277, 1) })).message).toContain(
      'lines has 3,277 entries; at most 500',
    );
  });

  it('|cents| up to 10^11 are accepted; 10^11 + 1 is refused at its path', () => {
    const max = JOURNAL_BOUNDS.maxAbsCents;
    const line = { ...linesOf(1, max)[0]!, unitPriceCents: max };
    const ok = doc({
      lines: [line],
      subtotalCents: max,
      totalCents: max,
      payments: [{ method: 'card', amountCents: max }],
    });
    expect(admitEvent(ok, ctx).kind).toBe('understood');
    const refund = doc({ totalCents: -max });
    expect(admitEvent(refund, ctx).kind).toBe('understood');

    const over = doc({
      lines: [
        line,
        { ...line, lineId: 'l2' },
        { ...line, lineId: 'l3' },
        { ...line, lineId: 'l4', amountCents: max + 1 },
      ],
    });
    expect(refusal(over)).toEqual({
      reason: 'body-invalid',
      path: 'lines.3.amountCents',
      message: `Event ${SALE_ID} (seq 1): lines.3.amountCents is 100,000,000,001; it must be at most 100,000,000,000.`,
    });
    expect(refusal(doc({ totalCents: -max - 1 }))).toMatchObject({ path: 'totalCents' });
    expect(refusal(doc({ discountCents: -1 }))).toMatchObject({ path: 'discountCents' });
    expect(refusal(doc({ totalCents: 2 ** 53 - 1 }))).toMatchObject({ path: 'totalCents' });
    expect(refusal(doc({ totalCents: 3.5 }))).toMatchObject({
      path: 'totalCents',
      message: `Event ${SALE_ID} (seq 1): totalCents is 3.5; it must be a whole number.`,
    });
  });

  it('quantity, weight, names, codes, ids and payments have their limits', () => {
    const [milk, bananas] = saleV3().lines;
    const withLine = (patch: Record<string, unknown>) => doc({ lines: [{ ...milk, ...patch }, bananas] });
    expect(admitEvent(withLine({ quantity: 100_000 }), ctx).kind).toBe('understood');
    expect(refusal(withLine({ quantity: 100_001 }))).toMatchObject({ path: 'lines.0.quantity' });
    expect(refusal(withLine({ quantity: 0 }))).toMatchObject({ path: 'lines.0.quantity' });
    expect(admitEvent(withLine({ weightGrams: 10_000_000 }), ctx).kind).toBe('understood');
    expect(refusal(withLine({ weightGrams: 10_000_001 }))).toMatchObject({ path: 'lines.0.weightGrams' });
    expect(admitEvent(withLine({ name: 'x'.repeat(200) }), ctx).kind).toBe('understood');
    expect(refusal(withLine({ name: 'x'.repeat(201) }))).toMatchObject({
      path: 'lines.0.name',
      message: `Event ${SALE_ID} (seq 1): lines.0.name is 201 characters long; at most 200 are allowed.`,
    });
    expect(refusal(withLine({ code: '9'.repeat(65) }))).toMatchObject({ path: 'lines.0.code' });
    expect(refusal(withLine({ productId: 'p'.repeat(65) }))).toMatchObject({ path: 'lines.0.productId' });
    expect(refusal(withLine({ discountCents: undefined }))).toMatchObject({
      path: 'lines.0.discountCents',
      message: `Event ${SALE_ID} (seq 1): lines.0.discountCents is missing.`,
    });
    expect(refusal(doc({ memberId: 'm'.repeat(65) }))).toMatchObject({ path: 'memberId' });
    expect(admitEvent(doc({ memberId: 'm'.repeat(64) }), ctx).kind).toBe('understood');
    const pay = { method: 'card', amountCents: 0 };
    expect(admitEvent(doc({ payments: Array(20).fill(pay) }), ctx).kind).toBe('understood');
    expect(refusal(doc({ payments: Array(21).fill(pay) }))).toMatchObject({ path: 'payments' });
    expect(refusal(doc({ payments: [{ method: 'cheque', amountCents: 504 }] }))).toMatchObject({
      path: 'payments.0.method',
      message: `Event ${SALE_ID} (seq 1): payments.0.method is 'cheque'; expected one of 'cash', 'card', 'points', 'gift-card'.`,
    });
  });

  it('businessDay is a real date: 2024-02-29 yes, 2026-02-30 no', () => {
    expect(admitEvent(doc({ businessDay: '2024-02-29' }), ctx).kind).toBe('understood');
    expect(refusal(doc({ businessDay: '2026-02-30' }))).toEqual({
      reason: 'body-invalid',
      path: 'businessDay',
      message: `Event ${SALE_ID} (seq 1): businessDay is '2026-02-30': must be a real calendar date written YYYY-MM-DD (years 2000–2999).`,
    });
  });

  it('currency is three capital letters, and the store’s own', () => {
    expect(refusal(doc({ currency: 'eur' }))).toMatchObject({ reason: 'body-invalid', path: 'currency' });
    expect(refusal(doc({ currency: 'USD' }))).toEqual({
      reason: 'currency-mismatch',
      path: 'currency',
      message: `Event ${SALE_ID} (seq 1): the sale is in USD, but store S1 sells in EUR.`,
    });
  });

  it('createdAt is epoch milliseconds, 0 … 2^53 − 1', () => {
    expect(admitEvent(doc({ createdAt: Number.MAX_SAFE_INTEGER }), ctx).kind).toBe('understood');
    expect(refusal(doc({ createdAt: -1 }))).toMatchObject({ path: 'createdAt' });
    expect(refusal(doc({ createdAt: 2 ** 53 }))).toMatchObject({ path: 'createdAt' });
  });
});

describe('admitEvent: the loyalty block of a v3 sale', () => {
  /** One ledger row as core/rules `ledgerFor` writes it; `i` makes its id unique. */
  const entry = (i: number, amount = 5) => ({
    id: `${SALE_ID}:r-points:${i}`,
    account: 'points',
    unit: 'points',
    amount,
    programId: 'prog-1',
    programVersion: 3,
    ruleId: 'r-points',
    text: '1 point per euro',
  });
  const memberSale = (ledger: unknown[]) =>
    doc({
      memberId: 'm-42',
      loyalty: {
        memberId: 'm-42',
        provisionalCard: null,
        programs: [{ programId: 'prog-1', version: 3 }],
        ledger,
      },
    });

  it('a member sale with its programs and ledger rows is understood as sent', () => {
    const d = memberSale([entry(0)]);
    const a = admitEvent(d, ctx);
    if (a.kind !== 'understood' || a.event.type !== 'sale') throw new Error(a.kind);
    expect(a.event.loyalty).toEqual({
      memberId: 'm-42',
      provisionalCard: null,
      programs: [{ programId: 'prog-1', version: 3 }],
      ledger: [
        {
          id: `${SALE_ID}:r-points:0`,
          account: 'points',
          unit: 'points',
          amount: 5,
          programId: 'prog-1',
          programVersion: 3,
          ruleId: 'r-points',
          text: '1 point per euro',
        },
      ],
    });
    expect(eventHash(a.event)).toBe(d.hash);
  });

  it('500 ledger entries are accepted; 501 are refused with path loyalty.ledger', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => entry(i));
    expect(admitEvent(memberSale(rows(500)), ctx).kind).toBe('understood');
    expect(refusal(memberSale(rows(501)))).toEqual({
      reason: 'body-invalid',
      path: 'loyalty.ledger',
      message: `Event ${SALE_ID} (seq 1): loyalty.ledger has 501 entries; at most 500 are allowed.`,
    });
  });

  it('an entry amount of ±10^9 is accepted; 10^9 + 1 is refused at its path', () => {
    const max = JOURNAL_BOUNDS.maxPoints;
    expect(max).toBe(1_000_000_000);
    expect(admitEvent(memberSale([entry(0, max)]), ctx).kind).toBe('understood');
    expect(admitEvent(memberSale([entry(0, -max)]), ctx).kind).toBe('understood');
    expect(refusal(memberSale([entry(0), entry(1, max + 1)]))).toEqual({
      reason: 'body-invalid',
      path: 'loyalty.ledger.1.amount',
      message: `Event ${SALE_ID} (seq 1): loyalty.ledger.1.amount is 1,000,000,001; it must be at most 1,000,000,000.`,
    });
    expect(refusal(memberSale([entry(0, -max - 1)]))).toMatchObject({ path: 'loyalty.ledger.0.amount' });
  });

  it('a v3 sale without `loyalty` is refused with path loyalty (null is how a sale says "anonymous")', () => {
    const { loyalty: _l, hash: _h, ...unsigned } = saleV3();
    const d: Record<string, unknown> = { ...unsigned, hash: eventHash(unsigned) };
    expect(refusal(d)).toEqual({
      reason: 'body-invalid',
      path: 'loyalty',
      message: `Event ${SALE_ID} (seq 1): loyalty is missing.`,
    });
  });
});

describe('admitEvent: seq', () => {
  it('seq 2^53 − 1 is a valid envelope but, from a terminal at 0, a refused jump', () => {
    const d = doc({ seq: Number.MAX_SAFE_INTEGER });
    expect(envelopeSchema.safeParse(d).success).toBe(true);
    const a = admitEvent(d, ctx);
    expect(a).toEqual({
      kind: 'refused',
      reason: 'seq-jump',
      id: SALE_ID,
      seq: Number.MAX_SAFE_INTEGER,
      type: 'sale',
      path: 'seq',
      message:
        `Event ${SALE_ID} (seq 9007199254740991): seq 9,007,199,254,740,991 is too far ahead: this terminal's last stored event ` +
        `is seq 0, and at most 1,000,000 more are allowed (up to seq 1,000,000).`,
    });
  });

  it('a jump of exactly 10^6 is allowed, one more is not', () => {
    const at = { ...ctx, terminalMaxSeq: 41 };
    expect(admitEvent(doc({ seq: 1_000_041 }), at).kind).toBe('understood');
    expect(refusal(doc({ seq: 1_000_042 }), at)).toMatchObject({ reason: 'seq-jump', path: 'seq' });
  });

  it('seq 2^53 and 0 are refused by the envelope', () => {
    expect(refusal(doc({ seq: 2 ** 53 }))).toMatchObject({ reason: 'envelope-invalid', path: 'seq' });
    expect(refusal(doc({ seq: 0 }))).toMatchObject({ reason: 'envelope-invalid', path: 'seq' });
  });
});

describe('admitEvent: envelope, authority and deletion, in that order', () => {
  it('refuses a bad envelope with the path of the first problem, and what it could read of the event', () => {
    expect(admitEvent(doc({ id: 'not-a-ulid' }), ctx)).toEqual({
      kind: 'refused',
      reason: 'envelope-invalid',
      id: 'not-a-ulid',
      seq: 1,
      type: 'sale',
      path: 'id',
      message: "Event not-a-ulid (seq 1): id is 'not-a-ulid': must be a ULID.",
    });
    expect(refusal(doc({ prevHash: 'A'.repeat(64) }))).toMatchObject({
      reason: 'envelope-invalid',
      path: 'prevHash',
    });
    expect(refusal(doc({ type: 'Sale' }))).toMatchObject({ reason: 'envelope-invalid', path: 'type' });
    expect(refusal(doc({ type: 'a'.repeat(41) }))).toMatchObject({
      reason: 'envelope-invalid',
      path: 'type',
    });
    expect(refusal(doc({ schemaVersion: 1001 }))).toMatchObject({
      reason: 'envelope-invalid',
      path: 'schemaVersion',
    });
    expect(refusal(doc({ terminalId: '' }))).toMatchObject({
      reason: 'envelope-invalid',
      path: 'terminalId',
    });
    const { hash: _h, ...unsealed } = doc();
    expect(refusal(unsealed)).toMatchObject({ reason: 'envelope-invalid', path: 'hash' });
    const huge = admitEvent({ id: 'x'.repeat(10_000) }, ctx);
    expect(huge).toMatchObject({ kind: 'refused', id: null, seq: null, type: null });
    expect(huge.kind === 'refused' && huge.message.length).toBeLessThan(300);
  });

  it('an event naming another terminal or store is forbidden (the batch is refused)', () => {
    expect(admitEvent(doc({ terminalId: 'T2' }), ctx)).toEqual({
      kind: 'forbidden',
      reason: 'forbidden-terminal',
      message: `Event ${SALE_ID} (seq 1) belongs to terminal T2, but it was sent by terminal T1.`,
    });
    expect(admitEvent(doc({ storeId: 'S2' }), ctx)).toMatchObject({
      kind: 'forbidden',
      reason: 'forbidden-store',
    });
    // Authority comes before the body: another store's event with a bad body is still forbidden.
    expect(admitEvent(doc({ storeId: 'S2', lines: [] }), ctx)).toMatchObject({ kind: 'forbidden' });
  });

  it('`_deleted: true` is refused on the journal', () => {
    expect(refusal({ ...doc(), _deleted: true })).toEqual({
      reason: 'deleted',
      path: '_deleted',
      message: `Event ${SALE_ID} (seq 1): journal events are never deleted; a correction is a new event (a return, a void or an adjustment).`,
    });
  });
});

describe('admitEvent: events this build does not understand are parked, never refused', () => {
  const shiftCloseDoc = () => {
    const unsigned = {
      id: '01JDX2R4K8M3N5P7Q9S1T3V5W8',
      type: 'stock-count',
      terminalId: 'T1',
      storeId: 'S1',
      seq: 2,
      prevHash: 'c'.repeat(64),
      schemaVersion: 1,
      saleId: SALE_ID,
      refundCents: 258,
    };
    return { ...unsigned, hash: eventHash(unsigned) };
  };

  it('an unknown type is parked with its envelope', () => {
    const a = admitEvent(shiftCloseDoc(), ctx);
    expect(a).toMatchObject({
      kind: 'parked',
      reason: 'unknown-type',
      envelope: { type: 'stock-count', seq: 2 },
    });
    expect(a.kind === 'parked' && a.message).toContain("does not know events of type 'stock-count'");
  });

  it('a sale of a newer version (6) is parked, whatever its body', () => {
    const a = admitEvent(doc({ schemaVersion: 6, lines: 'a future shape' }), ctx);
    expect(a).toMatchObject({ kind: 'parked', reason: 'newer-version', envelope: { schemaVersion: 6 } });
    expect(a.kind === 'parked' && a.message).toContain('version 6 of a sale event');
    expect(a.kind === 'parked' && a.message).toContain('up to version 5');
  });

  it('the same document is understood once a folder for its type is registered (after a restart)', () => {
    const stockCountSpec: EventTypeSpec = {
      type: 'stock-count',
      current: 1,
      versions: {
        1: z.looseObject({
          ...envelopeSchema.shape,
          type: z.literal('stock-count'),
          schemaVersion: z.literal(1),
          saleId: z.string(),
          refundCents: z.number().int(),
        }),
      },
      upcast: (body) => body,
    };
    const d = shiftCloseDoc();
    const a = admitEvent(d, { ...ctx, registry: { ...EVENT_TYPES, 'stock-count': stockCountSpec } });
    expect(a).toMatchObject({
      kind: 'understood',
      event: { type: 'stock-count', saleId: SALE_ID, refundCents: 258 },
    });
    expect(a.kind === 'understood' && eventHash(a.event)).toBe(d.hash);
  });
});

describe('admitEvent: never throws, always a clear answer', () => {
  const kinds = ['forbidden', 'refused', 'parked', 'understood'];

  it('on arbitrary JSON-ish documents', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.nat(), (d, maxSeq) => {
        const a = admitEvent(d, { ...ctx, terminalMaxSeq: maxSeq });
        expect(kinds).toContain(a.kind);
        expect(typeof (a.kind === 'understood' ? a.event.id : a.message)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  it('on a valid sale with any field, or any line field, replaced by anything', () => {
    const base = doc();
    const keys = Object.keys(base);
    const lineKeys = Object.keys(saleV3().lines[0]!);
    fc.assert(
      fc.property(
        fc.constantFrom(...keys, '_deleted', '__proto__', 'constructor'),
        fc.constantFrom(...lineKeys, 'toString'),
        fc.jsonValue(),
        fc.boolean(),
        (key, lineKey, value, inLine) => {
          const d: Record<string, unknown> = JSON.parse(JSON.stringify(base));
          if (inLine) (d.lines as Record<string, unknown>[])[0]![lineKey] = value;
          else Object.defineProperty(d, key, { value, enumerable: true, configurable: true, writable: true });
          const a = admitEvent(d, ctx);
          expect(kinds).toContain(a.kind);
          if (a.kind === 'refused') expect(a.message).toMatch(new RegExp(`^Event .*: `));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
