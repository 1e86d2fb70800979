import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { programDocId, type ProgramDoc } from '../../../../core/loyalty/program-doc';
import { cents } from '../../../../core/money';
import type { BasketLine } from '../../../../renderer/src/features/checkout/basket';
import {
  createProgramCompiler,
  evaluateSale,
  lineDiscounts,
  pointsEarned,
  saleLoyaltyOf,
  type SaleInput,
} from '../../../../renderer/src/features/members/sale-loyalty';
import { ANNA, CARD_ANNA, CARD_UNKNOWN } from './fixtures';

const demo = (file: string) =>
  JSON.parse(readFileSync(`sync-server/programs/demo/${file}`, 'utf8')) as Record<string, unknown>;
const doc = (program: Record<string, unknown>, over: Partial<ProgramDoc> = {}): ProgramDoc => ({
  docId: programDocId(program.id as string, program.version as number),
  programId: program.id as string,
  version: program.version as number,
  program,
  publishedAt: 0,
  serverSeq: 1,
  _deleted: false,
  ...over,
});

const STARS = demo('stars-per-euro.json');
const WEEKEND = demo('weekend-double.json');
// Saturday 17 January 2026, 14:00 in Amsterdam.
const SATURDAY = Date.UTC(2026, 0, 17, 13);
const MONDAY = Date.UTC(2026, 0, 19, 13);

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

function input(over: Partial<SaleInput>): SaleInput {
  const compiler = createProgramCompiler();
  return {
    saleId: '01JSA1E0000000000000000000',
    currency: 'EUR',
    lines: [line('a', 1000), line('b', 234)],
    product: () => ({ category: 'Zuivel', brand: 'Demo', tags: [] }),
    identification: { kind: 'member', memberId: ANNA.memberId, via: 'card', card: CARD_ANNA },
    memberDoc: ANNA,
    programs: compiler.compile([doc(STARS), doc(WEEKEND)]),
    store: { storeId: 'store-demo-ams', timeZone: 'Europe/Amsterdam', locale: 'en-GB' },
    at: SATURDAY,
    ...over,
  };
}

describe('programs from the replica', () => {
  it('compiles each version once and evaluates the newest version of each program', () => {
    const compiler = createProgramCompiler();
    const v1 = doc(STARS);
    const v2 = doc({ ...STARS, version: 2 });
    const first = compiler.compile([v1, doc(WEEKEND)]);
    const again = compiler.compile([doc(WEEKEND), v1]);
    expect(again.find((p) => p.key === 'demo-stars@1')).toBe(first.find((p) => p.key === 'demo-stars@1'));
    expect(compiler.compile([v1, v2]).map((p) => p.key)).toEqual(['demo-stars@2']);
    expect(compiler.compile([v1, { ...v2, _deleted: true }]).map((p) => p.key)).toEqual(['demo-stars@1']);
  });

  it('leaves out a program the engine refuses, and says which', () => {
    const compiler = createProgramCompiler();
    const broken = doc({ ...WEEKEND, id: 'broken', rules: 'nope' });
    expect(compiler.compile([broken, doc(STARS)]).map((p) => p.key)).toEqual(['demo-stars@1']);
    expect([...compiler.refused]).toEqual(['broken@1']);
  });
});

describe('evaluating the open sale', () => {
  it('a member on a Saturday: 2 points per euro, doubled, with the trace a cashier reads aloud', () => {
    const e = evaluateSale(input({}));
    // €12.34 → 24 points, weekend 2× → +24.
    expect(pointsEarned(e)).toBe(48);
    expect(e.trace.map((t) => t.text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/2× points \(\+24\)/)]),
    );
    expect(evaluateSale(input({ at: MONDAY })).points).toEqual({ points: 24 });
  });

  it('the sale’s loyalty block: member, program versions, ledger rows with ids from the sale id', () => {
    const e = evaluateSale(input({}));
    const block = saleLoyaltyOf(e, input({}).identification);
    expect(block).toMatchObject({ memberId: ANNA.memberId, provisionalCard: null });
    expect(block?.programs).toEqual(
      expect.arrayContaining([
        { programId: 'demo-stars', version: 1 },
        { programId: 'demo-weekend-double', version: 1 },
      ]),
    );
    expect(block?.ledger.every((r) => r.id.startsWith('01JSA1E0000000000000000000/'))).toBe(true);
    expect(block?.ledger.reduce((n, r) => n + r.amount, 0)).toBe(48);
    // The same sale evaluated again gives the same rows: a retry never adds points.
    expect(saleLoyaltyOf(evaluateSale(input({})), input({}).identification)).toEqual(block);
  });

  it('a provisional card earns like a new member; the block names the card, not a member', () => {
    const identification = { kind: 'provisional' as const, card: CARD_UNKNOWN };
    const e = evaluateSale(input({ identification, memberDoc: undefined }));
    expect(pointsEarned(e)).toBe(48);
    expect(saleLoyaltyOf(e, identification)).toMatchObject({ memberId: null, provisionalCard: CARD_UNKNOWN });
  });

  it('an anonymous sale no program touched carries no loyalty block', () => {
    const e = evaluateSale(input({ identification: null, memberDoc: undefined, programs: [] }));
    expect(saleLoyaltyOf(e, null)).toBeNull();
    expect(lineDiscounts(e)).toEqual({});
    expect(e.totals.netCents).toBe(1234);
  });
});
