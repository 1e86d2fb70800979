import {
  GENESIS_HASH,
  returnV1Schema,
  saleV5Schema,
  sealEvent,
  type LoyaltyEntry,
  type ReturnEvent,
  type SaleEvent,
  type SaleLine,
  type Tender,
  type UnsignedEvent,
} from '../../../../core/journal/index';
import type { ReturnPlan } from '../../../../core/loyalty/return-reversal';
import { SPEND_PROGRAM_ID, SPEND_PROGRAM_VERSION, spendEntryId } from '../../../../core/loyalty/spend-ids';
import {
  compileProgram,
  evaluate,
  parseProgram,
  type Basket,
  type CompiledProgram,
  type Member,
} from '../../../../core/rules/index';

/** The three programs the returns are checked against, as HQ would publish them. */
function program(json: unknown): CompiledProgram {
  const r = parseProgram(json);
  if (!r.ok) throw new Error(r.message);
  return compileProgram(r.value);
}

export const PER_EURO = program({
  id: 'p-euro',
  version: 3,
  name: 'Kassa points',
  kind: 'points',
  status: 'active',
  rules: [
    {
      id: 'base',
      name: '2 points per euro',
      then: [{ type: 'points-per-amount', points: 2, perCents: 100, rounding: 'down' }],
    },
  ],
});
export const WEEKEND = program({
  id: 'p-weekend',
  version: 1,
  name: 'Weekend double points',
  kind: 'promotion',
  status: 'active',
  rules: [
    {
      id: 'x2',
      name: 'Weekend double points',
      when: { type: 'days-of-week', days: ['sat', 'sun'] },
      then: [{ type: 'points-multiplier', factor: 2 }],
    },
  ],
});
export const BONUS = program({
  id: 'p-bonus',
  version: 2,
  name: 'Big basket bonus',
  kind: 'promotion',
  status: 'active',
  rules: [
    {
      id: 'over-50',
      name: '+100 points over €50',
      when: { type: 'basket-total', minCents: 5000 },
      then: [{ type: 'points-fixed', points: 100 }],
    },
  ],
});
export const PROGRAMS = [PER_EURO, WEEKEND, BONUS];

/** Saturday 28 November 2026 and Wednesday 25 November 2026, noon in Amsterdam. */
export const SAT_NOON = Date.UTC(2026, 10, 28, 11);
export const WED_NOON = Date.UTC(2026, 10, 25, 11);
export const STORE = { storeId: 'store-ams', timeZone: 'Europe/Amsterdam', locale: 'en-IE' };
export const MEMBER: Member = {
  id: 'member-1',
  segments: [],
  enrolledAt: Date.UTC(2024, 0, 15),
  optedIn: true,
  purchaseCount: 4,
  visits: [],
  counters: {},
};

/** A ULID-shaped id (the envelope requires one). */
export const ulid = (n: number): string => `01HX${String(n).padStart(22, '0')}`;
export const SALE_ID = ulid(1);

export interface LineSpec {
  /** Units (ignored for a weighed line). */
  quantity: number;
  unitPriceCents: number;
  /** Grams, for a weighed line (unitPriceCents is per kg). */
  weightGrams?: number;
  /** A reward's share of the line. */
  discountCents?: number;
}

export interface TenderSpec {
  method: Tender['method'];
  /** Share of the total (the last tender takes the rest). */
  weight: number;
  code?: string;
  /** Points per cent for a points tender. */
  pointsPerCent?: number;
}

export function saleLines(specs: readonly LineSpec[]): SaleLine[] {
  return specs.map((s, i) => {
    const amount =
      s.weightGrams !== undefined
        ? Math.round((s.unitPriceCents * s.weightGrams) / 1000)
        : s.unitPriceCents * s.quantity;
    return {
      lineId: `line-${i + 1}`,
      productId: `product-${i + 1}`,
      code: `87${String(i).padStart(11, '0')}`,
      name: `Product ${i + 1}`,
      quantity: s.weightGrams !== undefined ? 1 : s.quantity,
      ...(s.weightGrams !== undefined ? { weightGrams: s.weightGrams } : {}),
      unitPriceCents: s.unitPriceCents,
      amountCents: amount,
      discountCents: Math.min(amount, s.discountCents ?? 0),
    };
  });
}

/**
 * The engine's basket of sale lines, each at `amountCents` (the kept goods, or the whole sale), with
 * `pointsPaidCents` of it paid with points (no points are earned on that part).
 */
export function basketOfLines(
  lines: readonly Pick<SaleLine, 'lineId' | 'productId' | 'quantity' | 'unitPriceCents' | 'amountCents'>[],
  pointsPaidCents = 0,
): Basket {
  return {
    id: SALE_ID,
    currency: 'EUR',
    lines: lines.map((l) => ({
      lineId: l.lineId,
      sku: l.productId,
      category: '',
      brand: '',
      tags: [],
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      amountCents: l.amountCents,
    })),
    ...(pointsPaidCents > 0 ? { pointsPaidCents } : {}),
  };
}

/** Σ 'points' rows a basket earns with the three programs (what the kept goods earn alone). */
export function pointsOf(basket: Basket, at: number, programs = PROGRAMS): number {
  if (basket.lines.length === 0) return 0;
  const e = evaluate(programs, basket, MEMBER, {
    at,
    storeId: STORE.storeId,
    channel: 'store',
    timeZone: STORE.timeZone,
    transactionId: SALE_ID,
  });
  return e.ledger.reduce((n, r) => (r.account === 'points' ? n + r.amount : n), 0);
}

/** A sale v5 as the till writes it: evaluated with the programs, paid by `tenders`, spending `rewardPoints`. */
export function saleOf(opts: {
  lines: readonly LineSpec[];
  at: number;
  tenders?: readonly TenderSpec[];
  rewardPoints?: number;
  coupons?: readonly string[];
  programs?: readonly CompiledProgram[];
}): SaleEvent {
  const lines = saleLines(opts.lines);
  const total = lines.reduce((n, l) => n + l.amountCents - l.discountCents, 0);
  const specs = opts.tenders ?? [{ method: 'card', weight: 1 }];
  const weights = specs.reduce((n, t) => n + t.weight, 0);
  let left = total;
  const payments: Tender[] = specs.map((t, i) => {
    const cents = i === specs.length - 1 ? left : Math.floor((total * t.weight) / weights);
    left -= cents;
    return {
      method: t.method,
      amountCents: cents,
      ...(t.method === 'points' ? { points: Math.max(1, cents * (t.pointsPerCent ?? 1)) } : {}),
      ...(t.code !== undefined ? { code: t.code } : {}),
    };
  });
  const pointsPaid = payments.reduce((n, p) => n + (p.method === 'points' ? p.amountCents : 0), 0);
  const evaluation = evaluate(opts.programs ?? PROGRAMS, basketOfLines(lines, pointsPaid), MEMBER, {
    at: opts.at,
    storeId: STORE.storeId,
    channel: 'store',
    timeZone: STORE.timeZone,
    transactionId: SALE_ID,
  });
  const spend = (kind: 'reward' | 'tender', ref: string, amount: number, ruleId: string): LoyaltyEntry => ({
    id: spendEntryId(SALE_ID, kind, ref),
    account: 'points',
    unit: 'points',
    amount: -amount,
    programId: SPEND_PROGRAM_ID,
    programVersion: SPEND_PROGRAM_VERSION,
    ruleId,
    text: 'spent',
  });
  const ledger: LoyaltyEntry[] = [
    ...evaluation.ledger.map(({ memberId: _m, ...e }) => e),
    ...(opts.rewardPoints ? [spend('reward', 'red-1', opts.rewardPoints, 'reward:coffee')] : []),
    ...payments
      .filter((p) => p.method === 'points')
      .map((p) => spend('tender', 'points', p.points ?? 0, 'points-tender')),
  ];
  const unsigned: UnsignedEvent<SaleEvent> = {
    id: SALE_ID,
    type: 'sale',
    terminalId: 'till-1',
    storeId: STORE.storeId,
    seq: 1,
    prevHash: GENESIS_HASH,
    createdAt: opts.at,
    businessDay: '2026-11-28',
    schemaVersion: 5,
    currency: 'EUR',
    lines,
    subtotalCents: lines.reduce((n, l) => n + l.amountCents, 0),
    discountCents: lines.reduce((n, l) => n + l.discountCents, 0),
    totalCents: total,
    payments,
    memberId: MEMBER.id,
    loyalty: {
      memberId: MEMBER.id,
      provisionalCard: null,
      programs: evaluation.programs.map((p) => ({ programId: p.id, version: p.version })),
      ledger,
    },
    flags: [],
    donations: [],
    redemptions: opts.rewardPoints
      ? [
          {
            redemptionId: 'red-1',
            rewardId: 'coffee',
            rewardVersion: 1,
            kind: 'line-discount',
            points: opts.rewardPoints,
            currency: 'points',
            discountCents: lines.reduce((n, l) => n + l.discountCents, 0),
            source: 'catalogue',
          },
        ]
      : [],
    coupons: (opts.coupons ?? []).map((code) => ({
      code,
      formatId: 'kassa-coupon',
      campaign: 'autumn',
      discountCents: 0,
      rules: [],
    })),
    issuedCodes: [],
    overrides: [],
  };
  return saleV5Schema.parse(sealEvent<SaleEvent>(unsigned)) as SaleEvent;
}

/** The return event a till writes from a plan (parsed with the shared schema: a plan must make a valid event). */
export function returnEventOf(plan: ReturnPlan, sale: SaleEvent, returnId: string, seq: number): ReturnEvent {
  const unsigned: UnsignedEvent<ReturnEvent> = {
    id: returnId,
    type: 'return',
    terminalId: 'till-1',
    storeId: STORE.storeId,
    seq,
    prevHash: GENESIS_HASH,
    createdAt: sale.createdAt + seq * 60_000,
    businessDay: sale.businessDay,
    schemaVersion: 1,
    currency: sale.currency,
    original: {
      saleId: sale.id,
      terminalId: sale.terminalId,
      storeId: sale.storeId,
      seq: sale.seq,
      businessDay: sale.businessDay,
    },
    lines: plan.lines,
    totalCents: plan.totalCents,
    refunds: plan.refunds,
    loyalty: plan.loyalty,
    restoredCoupons: plan.restoredCoupons,
    reason: 'changed mind',
    overrides: [],
  };
  return returnV1Schema.parse(sealEvent<ReturnEvent>(unsigned)) as ReturnEvent;
}

/** Σ amounts of the 'points' rows of a loyalty block that `pick` selects. */
export const pointsIn = (
  rows: readonly LoyaltyEntry[] | undefined,
  pick: (e: LoyaltyEntry) => boolean = () => true,
): number => (rows ?? []).reduce((n, e) => (e.account === 'points' && pick(e) ? n + e.amount : n), 0);
export const isSpend = (e: LoyaltyEntry): boolean => e.programId === SPEND_PROGRAM_ID;
