import { describe, expect, it } from 'vitest';
import type { ReturnableLine } from '../../../../core/loyalty/returnable';
import {
  askedLines,
  INITIAL_RETURNS,
  returnsReducer,
  type FoundSale,
  type ReturnsAction,
  type ReturnsState,
} from '../../../../renderer/src/features/returns/return-state';
import { SAT_NOON, saleOf } from '../../core/loyalty/return-fixtures';

const sale = saleOf({
  lines: [
    { quantity: 2, unitPriceCents: 669 },
    { quantity: 1, unitPriceCents: 1500, weightGrams: 512 },
  ],
  at: SAT_NOON,
});
const found: FoundSale = { sale, priorReturns: [], from: 'journal' };
const run = (...actions: ReturnsAction[]): ReturnsState => actions.reduce(returnsReducer, INITIAL_RETURNS);
const RETURNABLE: ReturnableLine[] = [
  { lineId: 'line-1', productId: 'product-1', name: 'Koffie', quantity: 2, refundableCents: 1338 },
  {
    lineId: 'line-2',
    productId: 'product-2',
    name: 'Kaas',
    quantity: 1,
    weightGrams: 512,
    refundableCents: 768,
  },
];

describe('the returns screen, step by step', () => {
  it('finds a sale, takes typed quantities and a reason, confirms, and ends on the return', () => {
    const chosen = run(
      { type: 'code', code: 'KASSA-R:s:t:x' },
      { type: 'look' },
      { type: 'found', found, returnId: 'R1' },
      { type: 'quantity', lineId: 'line-1', text: '1' },
      { type: 'reason', reason: 'defective' },
    );
    expect(chosen).toMatchObject({
      step: 'choose',
      returnId: 'R1',
      quantities: { 'line-1': '1' },
      reason: 'defective',
      confirming: false,
    });
    const confirming = returnsReducer(chosen, { type: 'confirm' });
    expect(confirming).toMatchObject({ confirming: true });
    // While the event is written nothing can change what is written.
    expect(returnsReducer(confirming, { type: 'quantity', lineId: 'line-1', text: '2' })).toBe(confirming);
    expect(returnsReducer(confirming, { type: 'found', found, returnId: 'R2' })).toBe(confirming);
    const event = { id: 'R1' } as never;
    expect(returnsReducer(confirming, { type: 'done', event })).toEqual({ step: 'done', found, event });
  });

  it('keeps what was typed when a sale is not found and says why', () => {
    const m = { key: 'returns.notFound' } as const;
    expect(
      run({ type: 'code', code: 'KASSA-R:a:b:c' }, { type: 'look' }, { type: 'not-found', message: m }),
    ).toEqual({ step: 'find', code: 'KASSA-R:a:b:c', looking: false, message: m });
  });

  it('lets the cashier try again after a failed write, with the same return id', () => {
    const failed = run(
      { type: 'found', found, returnId: 'R1' },
      { type: 'reason', reason: 'other' },
      { type: 'confirm' },
      { type: 'failed', message: { key: 'returns.overrideDeclined' } },
    );
    expect(failed).toMatchObject({ step: 'choose', returnId: 'R1', confirming: false, reason: 'other' });
    expect(returnsReducer(failed, { type: 'again' })).toBe(INITIAL_RETURNS);
  });
});

describe('typed quantities', () => {
  it('are the plan’s lines: units, grams for a weighed line, empty or 0 for none', () => {
    expect(askedLines({ 'line-1': ' 2 ', 'line-2': '200' }, RETURNABLE)).toEqual({
      ok: true,
      lines: [
        { lineId: 'line-1', quantity: 2 },
        { lineId: 'line-2', quantity: 1, weightGrams: 200 },
      ],
    });
    expect(askedLines({ 'line-1': '0', 'line-2': '' }, RETURNABLE)).toEqual({ ok: true, lines: [] });
  });

  it('say at the line what is wrong: not a whole number, more than can still come back', () => {
    expect(askedLines({ 'line-1': '1.5' }, RETURNABLE)).toEqual({
      ok: false,
      lineId: 'line-1',
      message: { key: 'returns.notWhole', values: { text: '1.5' } },
    });
    expect(askedLines({ 'line-1': '-1' }, RETURNABLE)).toMatchObject({ ok: false, lineId: 'line-1' });
    expect(askedLines({ 'line-1': '3' }, RETURNABLE)).toEqual({
      ok: false,
      lineId: 'line-1',
      message: { key: 'returns.tooMany', values: { name: 'Koffie', count: 2 } },
    });
    expect(askedLines({ 'line-2': '513' }, RETURNABLE)).toMatchObject({
      ok: false,
      message: { key: 'returns.tooManyGrams', values: { count: 512 } },
    });
  });
});
