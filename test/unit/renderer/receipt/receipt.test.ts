import { describe, expect, it } from 'vitest';
import type { SaleEvent } from '../../../../core/journal';
import { shownBalance } from '../../../../core/loyalty/balance-rule';
import type { Evaluation } from '../../../../core/rules';
import { receiptOf } from '../../../../renderer/src/features/receipt/receipt';
import { ANNA } from '../members/fixtures';

// 2026-11-30 23:30 UTC: already 00:30 on 1 December in Amsterdam.
const AT = Date.UTC(2026, 10, 30, 23, 30);
const store = { name: 'Kassa Demo Amsterdam', locale: 'nl-NL', timeZone: 'Europe/Amsterdam' };

const sale = {
  id: '01KB0SALE00000000000000001',
  type: 'sale',
  terminalId: 'till-1',
  storeId: 'store-ams',
  seq: 4,
  createdAt: AT,
  currency: 'EUR',
  lines: [
    {
      lineId: 'l1',
      productId: 'p1',
      name: 'Koffie',
      quantity: 2,
      unitPriceCents: 250,
      amountCents: 500,
      discountCents: 50,
    },
    {
      lineId: 'l2',
      productId: 'p2',
      name: 'Kaas',
      quantity: 1,
      weightGrams: 512,
      unitPriceCents: 1500,
      amountCents: 768,
      discountCents: 0,
    },
  ],
  subtotalCents: 1268,
  discountCents: 50,
  totalCents: 1218,
  payments: [{ method: 'cash', amountCents: 1218, tenderedCents: 2000, changeCents: 782 }],
  flags: [],
  donations: [],
  memberId: ANNA.memberId,
  loyalty: {
    memberId: ANNA.memberId,
    provisionalCard: null,
    programs: [{ programId: 'stars', version: 1 }],
    ledger: [
      {
        id: 'e1',
        account: 'points',
        unit: 'points',
        amount: 12,
        programId: 'stars',
        programVersion: 1,
        ruleId: 'base',
        text: 'Base',
      },
      {
        id: 'e2',
        account: 'points',
        unit: 'points',
        amount: 12,
        programId: 'stars',
        programVersion: 1,
        ruleId: 'weekend',
        text: 'Weekend',
      },
    ],
  },
} as unknown as SaleEvent;

const evaluation = {
  points: { points: 24, stars: 0 },
  trace: [
    { programId: 'stars', ruleId: 'base', outcome: 'applied', text: '1 point per euro (+12) — Stars' },
    {
      programId: 'stars',
      ruleId: 'weekend',
      outcome: 'applied',
      text: '2× points (+12) — Weekend double points',
      message: {
        code: 'points-multiplier',
        params: { factor: 2, points: 12, unit: 'points', rule: 'Weekend double points' },
      },
    },
    { programId: 'stars', ruleId: 'limit', outcome: 'limit-reached', text: 'Once a day — already used' },
  ],
  nearMisses: [
    {
      programId: 'stars',
      ruleId: 'bonus',
      kind: 'spend',
      amount: 282,
      text: 'Spend € 2,82 more for 100 bonus points',
      message: {
        code: 'spend-for-rule',
        params: { amount: { cents: 282, currency: 'EUR' }, rule: '100 bonus points' },
      },
    },
  ],
} as unknown as Evaluation;

/** Intl puts no-break spaces in "€ 3,20"; a shopper reads plain spaces. */
const plain = (s: string | null) => s?.replace(/\u00a0|\u202f/g, ' ') ?? null;

describe('the receipt of a sale', () => {
  const balance = shownBalance(ANNA, ANNA.memberId, 'till-1', [sale]);
  const r = receiptOf(sale, evaluation, store, { name: 'A. de V…', balance });

  it('names the store and the moment in the store’s time zone', () => {
    expect(r.storeName).toBe('Kassa Demo Amsterdam');
    expect(r.seq).toBe(4);
    expect(r.dateTime).toContain('2026');
    expect(r.dateTime).toContain('00:30');
    expect(r.dateTime).toMatch(/^1 dec/);
  });

  it('lists the lines with their discounts, then subtotal, discount and total in the store’s format', () => {
    expect(r.lines.map((l) => [l.quantity, l.name, plain(l.amount), plain(l.discount)])).toEqual([
      ['2 ×', 'Koffie', '€ 5,00', '−€ 0,50'],
      ['0,512 kg', 'Kaas', '€ 7,68', null],
    ]);
    expect([plain(r.subtotal), plain(r.discount), plain(r.total)]).toEqual(['€ 12,68', '−€ 0,50', '€ 12,18']);
  });

  it('shows the tender: cash handed over and the change, or the card', () => {
    expect(
      r.tender.map((t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, plain(String(v))]))),
    ).toEqual([{ method: 'cash', amount: '€ 12,18', tendered: '€ 20,00', change: '€ 7,82' }]);
    const card = receiptOf({ ...sale, payments: [{ method: 'card', amountCents: 1218 }] }, evaluation, store);
    expect(card.tender.map((t) => [t.method, plain(t.amount)])).toEqual([['card', '€ 12,18']]);
  });

  it('shows the points earned with their reasons, the new balance and the nearest hint', () => {
    expect(r.loyalty).toEqual({
      member: 'A. de V…',
      earned: [{ unit: 'points', points: 24 }],
      pointsEarned: 24,
      redeemed: [],
      // The engine's lines as data: the view says them in the till's language (loyalty-text tests).
      reasons: [
        { text: '1 point per euro (+12) — Stars' },
        { text: '2× points (+12) — Weekend double points', message: evaluation.trace[1]?.message },
      ],
      // ANNA's server balance 1200 + this sale's 24 (its seq 4 is above her appliedThrough 3).
      newBalance: 1224,
      hint: { text: 'Spend € 2,82 more for 100 bonus points', message: evaluation.nearMisses[0]?.message },
      tierNext: null,
    });
  });

  it('the way to the next tier, as the till said it, is on the receipt', () => {
    const r = receiptOf(sale, evaluation, store, {
      name: 'A. de V…',
      balance,
      tierNext: 'Nog 2.976 punten tot Gold',
    });
    expect(r.loyalty.tierNext).toBe('Nog 2.976 punten tot Gold');
  });

  it('a sale without a member or programs has no loyalty to show and no balance', () => {
    const anonymous = receiptOf({ ...sale, memberId: null, loyalty: null, discountCents: 0 }, null, store);
    expect(anonymous.loyalty).toEqual({
      member: null,
      earned: [],
      pointsEarned: 0,
      redeemed: [],
      reasons: [],
      newBalance: null,
      hint: null,
      tierNext: null,
    });
    expect(anonymous.discount).toBeNull();
  });

  it('a round-up: the donation is a line of its own beside the total, and the cash covers both', () => {
    const rounded = receiptOf(
      {
        ...sale,
        flags: ['round-up'],
        donations: [{ cause: 'Voedselbank', cents: 82 }],
        payments: [{ method: 'cash', amountCents: 1300, tenderedCents: 2000, changeCents: 700 }],
      },
      evaluation,
      store,
    );
    expect(plain(rounded.total)).toBe('€ 12,18');
    expect(rounded.donations.map((d) => [d.cause, plain(d.amount)])).toEqual([['Voedselbank', '€ 0,82']]);
    expect(rounded.tender.map((t) => t.method === 'cash' && [plain(t.amount), plain(t.change)])).toEqual([
      ['€ 13,00', '€ 7,00'],
    ]);
    expect(r.donations).toEqual([]);
  });
});
