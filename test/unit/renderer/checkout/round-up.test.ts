import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, saleTotalsProblem } from '../../../../core/journal';
import { programDocId } from '../../../../core/loyalty/program-doc';
import { cents } from '../../../../core/money';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { BasketLine } from '../../../../renderer/src/features/checkout/basket';
import { buildSaleEvent } from '../../../../renderer/src/features/checkout/build-sale-event';
import { checkoutReducer, INITIAL_CHECKOUT } from '../../../../renderer/src/features/checkout/checkout-state';
import { roundUpChoiceOf } from '../../../../renderer/src/features/checkout/round-up-choice';
import { cashPayment } from '../../../../renderer/src/features/checkout/tender';
import { message } from '../../../../renderer/src/i18n/translatable';
import {
  createProgramCompiler,
  evaluateSale,
  lineDiscounts,
  saleDonationsOf,
  saleLoyaltyOf,
  type SaleInput,
} from '../../../../renderer/src/features/members/sale-loyalty';

const program = (file: string) => {
  const p = JSON.parse(readFileSync(`sync-server/programs/demo/${file}`, 'utf8')) as Record<string, unknown>;
  const id = p.id as string;
  const version = p.version as number;
  return {
    docId: programDocId(id, version),
    programId: id,
    version,
    program: p,
    publishedAt: 0,
    serverSeq: 1,
    _deleted: false,
  };
};
const ROUND_UP = createProgramCompiler().compile([program('round-up.json')]);
const STARS_ONLY = createProgramCompiler().compile([program('stars-per-euro.json')]);

const store: StoreSettings = {
  storeId: 'store-demo-ams',
  name: 'Demo',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};
const line = (lineId: string, amount: number): BasketLine => ({
  lineId,
  productId: `p-${lineId}`,
  code: '8710000000017',
  name: lineId,
  kind: 'each',
  quantity: 1,
  unitPriceCents: cents(amount),
  amountCents: cents(amount),
});
// € 12.45: rounding up to € 13.00 gives € 0.55 to the Voedselbank.
const LINES = [line('a', 1000), line('b', 245)];

function input(flags: readonly string[], over: Partial<SaleInput> = {}): SaleInput {
  return {
    saleId: '01JSA1E0000000000000000000',
    currency: 'EUR',
    lines: LINES,
    product: () => ({ category: 'Zuivel', brand: 'Demo', tags: [] }),
    identification: null,
    memberDoc: undefined,
    programs: ROUND_UP,
    store,
    at: Date.UTC(2026, 0, 19, 13),
    flags,
    ...over,
  };
}

describe('the customer chooses a round-up at the tender', () => {
  it('the toggle sets and clears the flag, and a completed sale asks the next customer again', () => {
    const on = checkoutReducer(INITIAL_CHECKOUT, { type: 'flag', flag: 'round-up', on: true });
    expect(on.flags).toEqual(['round-up']);
    expect(checkoutReducer(on, { type: 'flag', flag: 'round-up', on: true }).flags).toEqual(['round-up']);
    expect(checkoutReducer(on, { type: 'flag', flag: 'round-up', on: false }).flags).toEqual([]);
    const done = checkoutReducer(on, {
      type: 'completed',
      message: { kind: 'info', text: message('checkout.saleComplete', { seq: 1 }) },
    });
    expect(done.flags).toEqual([]);
  });

  it('a basket emptied by hand takes the choice with it, so the next customer is not rounded up', () => {
    const product = {
      id: 'p-a',
      code: '8710000000017',
      name: 'Melk',
      priceCents: cents(129),
      unit: 'each' as const,
    };
    const code = {
      kind: 'gtin' as const,
      symbology: 'ean13' as const,
      gtin: product.code,
      lookupCode: product.code,
    };
    const one = checkoutReducer(INITIAL_CHECKOUT, { type: 'add', product, code, lineId: 'l1' });
    const two = checkoutReducer(one, {
      type: 'add',
      product: { ...product, id: 'p-b', code: '8710000000024' },
      code: { ...code, gtin: '8710000000024', lookupCode: '8710000000024' },
      lineId: 'l2',
    });
    const chosen = checkoutReducer(two, { type: 'flag', flag: 'round-up', on: true });
    const left = checkoutReducer(chosen, { type: 'remove', lineId: 'l1' });
    expect(left.flags).toEqual(['round-up']);
    expect(checkoutReducer(left, { type: 'remove', lineId: 'l2' }).flags).toEqual([]);
  });

  it('is offered with the target and what it adds when a program has a round-up rule, and not otherwise', () => {
    const setFlag = () => {};
    const off = evaluateSale(input([]));
    expect(roundUpChoiceOf(ROUND_UP, off, [], setFlag)).toMatchObject({
      cause: 'Voedselbank',
      targetCents: 1300,
      extraCents: 55,
      on: false,
    });
    expect(
      roundUpChoiceOf(STARS_ONLY, evaluateSale(input([], { programs: STARS_ONLY })), [], setFlag),
    ).toBeNull();
    // Goods of exactly € 12.00 have nothing to round up.
    const round = evaluateSale(input([], { lines: [line('a', 1200)] }));
    expect(roundUpChoiceOf(ROUND_UP, round, [], setFlag)).toBeNull();
  });

  it('chosen: the amount due includes the donation, change is computed on it, and the sale records flag and donation', () => {
    const evaluation = evaluateSale(input(['round-up']));
    expect(evaluation.totals).toMatchObject({ netCents: 1245, donationCents: 55, toPayCents: 1300 });
    expect(saleDonationsOf(evaluation)).toEqual([{ cause: 'Voedselbank', cents: 55 }]);
    const payment = cashPayment(cents(evaluation.totals.toPayCents), cents(2000));
    if (!payment.ok) throw new Error(payment.message);
    expect(payment.value).toMatchObject({ amountCents: 1300, changeCents: 700 });

    const sale = buildSaleEvent({ lines: LINES }, payment.value, {
      id: '01JSA1E0000000000000000000',
      terminalId: 'T1',
      store,
      seq: 1,
      prevHash: GENESIS_HASH,
      nowMs: Date.UTC(2026, 0, 19, 13),
      loyalty: saleLoyaltyOf(evaluation, null),
      lineDiscounts: lineDiscounts(evaluation),
      flags: ['round-up'],
      donations: saleDonationsOf(evaluation),
    });
    expect(sale).toMatchObject({
      schemaVersion: 5,
      totalCents: 1245,
      flags: ['round-up'],
      donations: [{ cause: 'Voedselbank', cents: 55 }],
    });
    // A donation needs no member: the loyalty block names the program, no one earns.
    expect(sale.loyalty).toMatchObject({
      memberId: null,
      programs: [{ programId: 'demo-round-up', version: 2 }],
    });
    expect(saleTotalsProblem(sale)).toBeUndefined();
  });

  it('not chosen (or toggled off again): no donation, the amount due is the goods', () => {
    const evaluation = evaluateSale(input([]));
    expect(evaluation.totals).toMatchObject({ donationCents: 0, toPayCents: 1245 });
    expect(saleDonationsOf(evaluation)).toEqual([]);
    const payment = cashPayment(cents(evaluation.totals.toPayCents), cents(2000));
    expect(payment.ok && payment.value.changeCents).toBe(755);
  });
});
