import { createIdFactory } from '../../../../core/ids/ids';
import { sealEvent } from '../../../../core/journal/hash-chain';
import type { ManagerOverrideEvent } from '../../../../core/journal/manager-override-event';
import type { PointsTransferEvent } from '../../../../core/journal/points-transfer-event';
import type { ReturnEvent } from '../../../../core/journal/return-event';
import {
  GENESIS_HASH,
  type JournalEvent,
  type LoyaltyEntry,
  type SaleEvent,
} from '../../../../core/journal/sale-event';
import {
  returnEntryId,
  spendEntryId,
  SPEND_PROGRAM_ID,
  SPEND_PROGRAM_VERSION,
  transferEntryId,
} from '../../../../core/loyalty/spend-ids';
import { makeSale } from './sale-events';

/*
 * Spending events (issue 9) as a till writes them: sale v5 paying partly with points and using
 * coupons, a return of it, a points transfer, a manager override. Each till's events are chained
 * by a `Till` (seq and prevHash), and sealed (core/journal/hash-chain.ts sealEvent).
 */

const nextId = createIdFactory();
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

export class Till {
  seq = 0;
  prevHash = GENESIS_HASH;
  constructor(
    readonly terminalId: string,
    readonly storeId: string,
  ) {}

  /** The next envelope of this till's chain; `seal` links it. */
  private next() {
    this.seq += 1;
    const createdAt = T0 + this.seq * 60_000 + this.terminalId.length;
    return {
      terminalId: this.terminalId,
      storeId: this.storeId,
      seq: this.seq,
      prevHash: this.prevHash,
      createdAt,
    };
  }
  private seal<E extends JournalEvent>(unsigned: Omit<E, 'hash'>): E {
    const e = sealEvent<E>(unsigned as never);
    this.prevHash = e.hash;
    return e;
  }

  /**
   * A sale of 5.04 (makeSale's two lines) for `memberId`: `spend` points pay 1 cent each (a points
   * tender, the rest in cash), `earn` points earned (program p@1 rule base), coupons by code.
   */
  sale(o: {
    memberId: string;
    spend?: number;
    earn?: number;
    coupons?: string[];
    overrides?: string[];
    /** How old the till's replica was when it sold (sale v5's optional `replicaAgeMs`). */
    replicaAgeMs?: number;
  }): SaleEvent {
    const env = this.next();
    const base = makeSale({ ...env });
    const id = nextId(env.createdAt);
    const spend = o.spend ?? 0;
    const ledger: LoyaltyEntry[] = [];
    if (o.earn) ledger.push(earnRow(id, o.earn));
    if (spend > 0) ledger.push(spendRow(spendEntryId(id, 'tender', 'points'), -spend, 'points-tender'));
    const payments: SaleEvent['payments'] =
      spend > 0
        ? [
            { method: 'points', amountCents: spend, points: spend },
            { method: 'cash', amountCents: base.totalCents - spend },
          ]
        : base.payments;
    const { hash: _h, ...rest } = base;
    return this.seal<SaleEvent>({
      ...rest,
      ...env,
      id,
      memberId: o.memberId,
      payments,
      loyalty: {
        memberId: o.memberId,
        provisionalCard: null,
        programs: o.earn ? [{ programId: 'p', version: 1 }] : [],
        ledger,
      },
      coupons: (o.coupons ?? []).map((code) => ({
        code,
        formatId: 'coupon',
        campaign: 'winter',
        discountCents: 0,
        rules: [],
      })),
      overrides: o.overrides ?? [],
      ...(o.replicaAgeMs !== undefined ? { replicaAgeMs: o.replicaAgeMs } : {}),
    });
  }

  /** A return of `quantity` of the sale's first line: its earned points taken back, spent points credited back. */
  returnOf(
    sale: SaleEvent,
    o: {
      quantity?: number;
      takeBack?: number;
      credit?: number;
      refundCents?: number;
      restoredCoupons?: string[];
    },
  ): ReturnEvent {
    const env = this.next();
    const id = nextId(env.createdAt);
    const line = sale.lines[0] as SaleEvent['lines'][number];
    const ledger: LoyaltyEntry[] = [];
    if (o.takeBack) ledger.push({ ...earnRow(id, -o.takeBack), id: returnEntryId(id, 'clawback', 'p/base') });
    if (o.credit) ledger.push(spendRow(returnEntryId(id, 'recredit', 'points'), o.credit, 'points-tender'));
    const refund = o.refundCents ?? 129;
    return this.seal<ReturnEvent>({
      ...env,
      id,
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
        {
          lineId: line.lineId,
          productId: line.productId,
          name: line.name,
          quantity: o.quantity ?? 1,
          refundCents: refund,
        },
      ],
      totalCents: refund,
      refunds: [{ method: 'cash', amountCents: refund }],
      loyalty: sale.loyalty ? { ...sale.loyalty, ledger } : null,
      restoredCoupons: o.restoredCoupons ?? [],
      reason: 'Defect',
      overrides: [],
    });
  }

  transfer(from: string, to: string, points: number): PointsTransferEvent {
    const env = this.next();
    const id = nextId(env.createdAt);
    return this.seal<PointsTransferEvent>({
      ...env,
      id,
      type: 'points-transfer',
      schemaVersion: 1,
      businessDay: '2026-11-25',
      fromMemberId: from,
      toMemberId: to,
      points,
      currency: 'points',
      loyalty: {
        memberId: from,
        provisionalCard: null,
        programs: [],
        ledger: [spendRow(transferEntryId(id, 'from'), -points, 'transfer')],
      },
      receiver: { memberId: to, ledger: [spendRow(transferEntryId(id, 'to'), points, 'transfer')] },
      note: 'For my daughter',
      overrides: [],
    });
  }

  override(o: { allows: string; memberId: string; requested: number; limit: number }): ManagerOverrideEvent {
    const env = this.next();
    return this.seal<ManagerOverrideEvent>({
      ...env,
      id: nextId(env.createdAt),
      type: 'manager-override',
      schemaVersion: 1,
      businessDay: '2026-11-25',
      managerId: 'mgr-anna',
      managerName: 'Anna Jansen',
      action: 'redeem-over-cap',
      reason: 'Regular customer, card replica was stale',
      allowed: {
        eventId: o.allows,
        memberId: o.memberId,
        description: `redeem ${o.requested} points; the offline cap is ${o.limit}`,
        requested: o.requested,
        limit: o.limit,
        unit: 'points',
      },
    });
  }
}

function earnRow(eventId: string, amount: number): LoyaltyEntry {
  return {
    id: `${eventId}/p@1/base/0/points`,
    account: 'points',
    unit: 'points',
    amount,
    programId: 'p',
    programVersion: 1,
    ruleId: 'base',
    text: `base ${amount}`,
  };
}

function spendRow(id: string, amount: number, ruleId: string): LoyaltyEntry {
  return {
    id,
    account: 'points',
    unit: 'points',
    amount,
    programId: SPEND_PROGRAM_ID,
    programVersion: SPEND_PROGRAM_VERSION,
    ruleId,
    text: `${ruleId} ${amount}`,
  };
}

/** RxDB push rows for any journal events. */
export function pushRowsOf(events: readonly JournalEvent[]) {
  return events.map((e) => ({ assumedMasterState: null, newDocumentState: { ...e, _deleted: false } }));
}
