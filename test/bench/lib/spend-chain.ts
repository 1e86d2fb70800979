import { sealEvent } from '../../../core/journal/hash-chain';
import type { ManagerOverrideEvent } from '../../../core/journal/manager-override-event';
import type { ReturnEvent } from '../../../core/journal/return-event';
import {
  GENESIS_HASH,
  type JournalEvent,
  type LoyaltyEntry,
  type SaleEvent,
} from '../../../core/journal/sale-event';
import {
  POINTS_TENDER_RULE,
  returnEntryId,
  spendEntryId,
  SPEND_PROGRAM_ID,
  SPEND_PROGRAM_VERSION,
} from '../../../core/loyalty/spend-ids';
import { evaluate } from '../../../core/rules/evaluate';
import { basketFromSale } from '../../../core/rules/from-sale';
import type { Program } from '../../../core/rules/schema/program';
import { makeSale } from '../../integration/sync-server/support/sale-events';

/*
 * A till's journal with spending (issue 9) for the ledger-fold benchmark: the loyal sales of the
 * plain loyalty chain, where about 30% also spend points (a reward redemption, or a points
 * payment), some use a coupon or pay part with a gift card, 5% of the events are returns of an
 * earlier sale (its earned points clawed back, spent points credited back) and a few are manager
 * overrides the next sale names. The generator tracks every member's balance and spends only what
 * a member has, except a rare deliberate overspend (two offline tills), so overdrafts stay rare.
 * Seeded: every round and database folds the same events.
 */

export interface SpendChainOptions {
  events: number;
  members: number;
  program: Program;
  terminalId: string;
  storeId: string;
  /** Gift cards the setup issues (codes giftCardCode(i)), each with GIFT_CARD_CENTS. */
  giftCards: number;
}

export interface SpendChain {
  events: JournalEvent[];
  counts: { sales: number; spending: number; returns: number; overrides: number; overspends: number };
}

export const GIFT_CARD_CENTS = 10_000;
export const giftCardCode = (i: number): string => `GC${String(i).padStart(6, '0')}`;
export const memberIdOf = (i: number): string => `M${String(i).padStart(5, '0')}`;

const REWARD_POINTS = 15;
const TENDER_POINTS = 10;
const SPEND_SHARE = 0.44; // of the sales whose member can pay: about 30% of all sales
const RETURN_SHARE = 0.05;
const OVERRIDE_SHARE = 0.005;
const OVERSPEND_SHARE = 0.002;
const COUPON_SHARE = 0.05;
const GIFT_CARD_SHARE = 0.03;

/** mulberry32: a small seeded generator, so the chain is the same every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const spendRow = (id: string, amount: number, ruleId: string): LoyaltyEntry => ({
  id,
  account: 'points',
  unit: 'stars',
  amount,
  programId: SPEND_PROGRAM_ID,
  programVersion: SPEND_PROGRAM_VERSION,
  ruleId,
  text: `${ruleId} ${amount}`,
});

export function spendChain(o: SpendChainOptions): SpendChain {
  const rnd = random(9);
  const balance = new Map<string, number>();
  const returnable: SaleEvent[] = [];
  const out: JournalEvent[] = [];
  const counts = { sales: 0, spending: 0, returns: 0, overrides: 0, overspends: 0 };
  let prevHash = GENESIS_HASH;
  let pendingOverride: string | null = null;
  // The sale an override allows is made before the override, so the override can name its id.
  let ahead: SaleEvent | null = null;
  const seal = <E extends JournalEvent>(unsigned: Omit<E, 'hash'>): E => {
    const e = sealEvent<E>(unsigned as never);
    out.push(e);
    prevHash = e.hash;
    return e;
  };
  for (let seq = 1; seq <= o.events; seq++) {
    const allowed = ahead !== null; // the sale an override allows comes next, whatever the draw
    const base = ahead ?? makeSale({ terminalId: o.terminalId, storeId: o.storeId, seq, prevHash });
    ahead = null;
    const { hash: _h, ...made } = base;
    const env = { ...made, prevHash };
    const memberId = memberIdOf(seq % o.members);
    const has = balance.get(memberId) ?? 0;
    const r = rnd();
    if (!allowed && r < RETURN_SHARE && returnable.length > 0) {
      const [sale] = returnable.splice(Math.floor(rnd() * returnable.length), 1) as [SaleEvent];
      seal<ReturnEvent>(returnOf(sale, env));
      counts.returns++;
      continue;
    }
    if (!allowed && r < RETURN_SHARE + OVERRIDE_SHARE && seq < o.events) {
      ahead = makeSale({ terminalId: o.terminalId, storeId: o.storeId, seq: seq + 1, prevHash });
      pendingOverride = seal<ManagerOverrideEvent>(
        overrideFor(env, ahead.id, memberIdOf((seq + 1) % o.members)),
      ).id;
      counts.overrides++;
      continue;
    }
    // The spend: a reward, a points payment, or both (what the member has covers it); a rare
    // overspend of more than the member has and this sale earns.
    const overspend = rnd() < OVERSPEND_SHARE && has > 0;
    const kind = rnd();
    const wantsReward = overspend || kind < 0.75;
    const wantsTender = !overspend && kind >= 0.5;
    const cost = (wantsReward ? REWARD_POINTS : 0) + (wantsTender ? TENDER_POINTS : 0);
    const spends = overspend || (has >= cost && rnd() < SPEND_SHARE);
    const reward = overspend ? has + 20 : spends && wantsReward ? REWARD_POINTS : 0;
    const tender = spends && wantsTender ? TENDER_POINTS : 0;
    const gift = rnd() < GIFT_CARD_SHARE ? 200 : 0;
    const payments: SaleEvent['payments'] = [
      ...(tender > 0 ? [{ method: 'points' as const, amountCents: tender, points: tender }] : []),
      ...(gift > 0
        ? [{ method: 'gift-card' as const, amountCents: gift, code: giftCardCode(seq % o.giftCards) }]
        : []),
      { method: 'cash', amountCents: base.totalCents - tender - gift },
    ];
    const coupons: SaleEvent['coupons'] =
      rnd() < COUPON_SHARE
        ? [{ code: `WINTER${seq}`, formatId: 'coupon', campaign: 'winter', discountCents: 0, rules: [] }]
        : [];
    const redemptionId = `red-${seq}`;
    const redemptions: SaleEvent['redemptions'] =
      reward > 0
        ? [
            {
              redemptionId,
              rewardId: 'r-donation',
              rewardVersion: 1,
              kind: 'donation',
              points: reward,
              currency: 'stars',
              discountCents: 0,
              cause: 'Voedselbank',
              source: 'catalogue',
            },
          ]
        : [];
    const sale = { ...env, memberId, payments, coupons, redemptions };
    const earned = evaluate(
      [o.program],
      basketFromSale(sale, () => undefined),
      {
        id: memberId,
        segments: [],
        enrolledAt: 0,
        optedIn: true,
        purchaseCount: 0,
        visits: [],
        counters: {},
      },
      {
        at: sale.createdAt,
        storeId: o.storeId,
        channel: 'store',
        timeZone: 'Europe/Amsterdam',
        transactionId: sale.id,
      },
    ).ledger;
    const ledger: LoyaltyEntry[] = [
      ...earned,
      ...(reward > 0
        ? [spendRow(spendEntryId(sale.id, 'reward', redemptionId), -reward, 'reward:r-donation')]
        : []),
      ...(tender > 0
        ? [spendRow(spendEntryId(sale.id, 'tender', 'points'), -tender, POINTS_TENDER_RULE)]
        : []),
    ];
    const overrides = pendingOverride ? [pendingOverride] : [];
    pendingOverride = null;
    const sealed = seal<SaleEvent>({
      ...sale,
      overrides,
      loyalty: {
        memberId,
        provisionalCard: null,
        programs: [{ programId: o.program.id, version: o.program.version }],
        ledger,
      },
    });
    balance.set(memberId, has + ledger.reduce((s, e) => s + e.amount, 0));
    counts.sales++;
    if (reward + tender > 0) counts.spending++;
    if (overspend) counts.overspends++;
    returnable.push(sealed);
    if (returnable.length > 2_000) returnable.shift();
  }
  // What returns move is not tracked: one takes back 2 of its sale's ~10 stars, and credits spent ones back.
  return { events: out, counts };
}

type Envelope = Omit<SaleEvent, 'hash'>;

/** One unit of the sale's first line back: its share of the earned points taken back, of the spent points credited. */
function returnOf(sale: SaleEvent, env: Envelope): Omit<ReturnEvent, 'hash'> {
  const line = sale.lines[0] as SaleEvent['lines'][number];
  const refund = line.unitPriceCents;
  const share = (n: number) => Math.floor((n * refund) / sale.totalCents);
  const rows = sale.loyalty?.ledger ?? [];
  const ledger: LoyaltyEntry[] = [];
  for (const e of rows) {
    if (e.programId === SPEND_PROGRAM_ID || e.amount <= 0 || share(e.amount) === 0) continue;
    const ref = `${e.programId}/${e.ruleId}`;
    ledger.push({ ...e, id: returnEntryId(env.id, 'clawback', ref), amount: -share(e.amount) });
  }
  const tendered = sale.payments.find((p) => p.method === 'points');
  const credit = tendered ? share(tendered.amountCents) : 0;
  if (credit > 0)
    ledger.push(spendRow(returnEntryId(env.id, 'recredit', 'points'), credit, POINTS_TENDER_RULE));
  return {
    id: env.id,
    terminalId: env.terminalId,
    storeId: env.storeId,
    seq: env.seq,
    prevHash: env.prevHash,
    createdAt: env.createdAt,
    type: 'return',
    schemaVersion: 1,
    businessDay: sale.businessDay,
    currency: sale.currency,
    original: {
      saleId: sale.id,
      terminalId: sale.terminalId,
      storeId: sale.storeId,
      seq: sale.seq,
      businessDay: sale.businessDay,
    },
    lines: [
      { lineId: line.lineId, productId: line.productId, name: line.name, quantity: 1, refundCents: refund },
    ],
    totalCents: refund,
    refunds: [
      ...(credit > 0 ? [{ method: 'points' as const, amountCents: credit, points: credit }] : []),
      { method: 'cash', amountCents: refund - credit },
    ],
    loyalty: sale.loyalty ? { ...sale.loyalty, ledger } : null,
    restoredCoupons: [],
    reason: 'Defect',
    overrides: [],
  };
}

/** A manager lets the next sale's member redeem above the offline cap. */
function overrideFor(env: Envelope, saleId: string, memberId: string): Omit<ManagerOverrideEvent, 'hash'> {
  return {
    id: env.id,
    terminalId: env.terminalId,
    storeId: env.storeId,
    seq: env.seq,
    prevHash: env.prevHash,
    createdAt: env.createdAt,
    type: 'manager-override',
    schemaVersion: 1,
    businessDay: env.businessDay,
    managerId: 'mgr-anna',
    managerName: 'Anna Jansen',
    action: 'redeem-over-cap',
    reason: 'Regular customer, card replica was stale',
    allowed: {
      eventId: saleId,
      memberId,
      description: 'redeem 15 points; the offline cap is 10',
      requested: 15,
      limit: 10,
      unit: 'points',
    },
  };
}
