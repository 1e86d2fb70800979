import { createIdFactory } from '../../../../core/ids/ids';
import { JOURNAL_BOUNDS as B } from '../../../../core/journal/bounds';
import { eventHash } from '../../../../core/journal/hash-chain';
import { GENESIS_HASH } from '../../../../core/journal/sale-event';
import {
  returnEntryId,
  spendEntryId,
  SPEND_PROGRAM_ID,
  SPEND_PROGRAM_VERSION,
  transferEntryId,
} from '../../../../core/loyalty/spend-ids';
import {
  ADMIT,
  fit,
  oddDoc,
  refuse,
  type OddDocKind,
  type Built,
  type Doc,
  type Expect,
  type ReturnV,
  type SaleV,
  type TenderKind,
  type Variant,
  type World,
} from './fuzz-spend-variants';
import { makeSale } from './sale-events';

/*
 * Spending events (issue 9) at their bounds, as a hostile or buggy till could write them: sale v5
 * with every list at its maximum, amounts at ±maxAbsCents, points at maxPoints, codes of maximum
 * length in odd unicode; returns of sales that never come or of more than was sold; transfers
 * between members nobody knows; overrides naming sales that never arrive; and one past each bound.
 * Each document carries what the server must do with it (fuzz-spend-variants.ts).
 */

const nextId = createIdFactory();
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);
/** `n`, or one past `bound` when `past`. */
const over = (n: number, past: boolean, bound = n) => (past ? bound + 1 : n);

// ————————————————————————————————————————— building

const spendRow = (id: string, amount: number, ruleId: string) => ({
  id,
  account: 'points',
  unit: 'points',
  amount,
  programId: SPEND_PROGRAM_ID,
  programVersion: SPEND_PROGRAM_VERSION,
  ruleId,
  text: fit(B.maxNameLength),
});
const earnRow = (eventId: string, amount: number) => ({
  ...spendRow(`${eventId}/p@1/base/0/points`, amount, 'base'),
  programId: 'p',
});

/** One till's chain: each built event follows the last (refused ones too, as a buggy till would). */
export class FuzzTill {
  private seq = 0;
  private prevHash = GENESIS_HASH;
  readonly built: Built[] = [];
  constructor(
    readonly terminalId: string,
    readonly storeId: string,
    private readonly world: World,
    /** Sales of every till of the run (a return may name the other till's). */
    private readonly sales: Doc[],
    private readonly overrides: string[],
  ) {}

  private env() {
    this.seq += 1;
    const createdAt = T0 + this.seq * 60_000;
    return {
      id: nextId(createdAt),
      terminalId: this.terminalId,
      storeId: this.storeId,
      seq: this.seq,
      prevHash: this.prevHash,
      createdAt,
      businessDay: '2026-11-25',
    };
  }
  private push(d: Doc, expect: Expect, label: string): Built {
    const doc = JSON.parse(JSON.stringify({ ...d, hash: eventHash(d), _deleted: false })) as Doc;
    this.prevHash = doc.hash as string;
    const b = { doc, expect, label };
    this.built.push(b);
    return b;
  }
  private memberOf(m: number | string | null): string | null {
    if (m === null) return null;
    if (m === 'unknown') return 'U'.repeat(B.maxIdLength);
    if (m === 'unknown2') return fit(B.maxIdLength);
    return this.world.members[m === 1 ? 1 : 0];
  }

  add(v: Variant): Built {
    switch (v.k) {
      case 'sale':
        return this.sale(v);
      case 'return':
        return this.returnOf(v);
      case 'transfer': {
        const e = this.env();
        const from = this.memberOf(v.from) as string;
        const to = v.over === 'self' ? from : (this.memberOf(v.to) as string);
        const points = over(v.points, v.over === 'points', B.maxPoints);
        const toRow = spendRow(transferEntryId(e.id, 'to'), Math.min(points, B.maxPoints), 'transfer');
        const d = {
          ...e,
          type: 'points-transfer',
          schemaVersion: 1,
          fromMemberId: from,
          toMemberId: to,
          points,
          currency: 'points',
          loyalty: {
            memberId: from,
            provisionalCard: null,
            programs: [],
            ledger: [spendRow(transferEntryId(e.id, 'from'), -Math.min(points, B.maxPoints), 'transfer')],
          },
          receiver: { memberId: to, ledger: v.over === 'receiver' ? [toRow, toRow] : [toRow] },
          note: fit(B.maxNameLength),
          overrides: [],
        };
        // zod checks the shape before the refinement (giver ≠ receiver).
        const path =
          points > B.maxPoints
            ? 'points'
            : v.over === 'receiver'
              ? 'receiver.ledger'
              : from === to
                ? 'toMemberId'
                : null;
        return this.push(d, path ? refuse(path) : ADMIT, `transfer ${v.from}→${v.to} ${points} (${v.over})`);
      }
      case 'override': {
        const e = this.env();
        const allows = this.sales.length > 0 && v.requested > 0 ? this.sales[0]?.id : nextId(T0);
        const requested = v.over === 'requested' ? B.maxAbsCents + 1 : v.requested;
        const d = {
          ...e,
          type: 'manager-override',
          schemaVersion: 1,
          managerId: fit(B.maxIdLength),
          managerName: fit(B.maxNameLength),
          action: v.over === 'action' ? 'redeem-everything' : 'redeem-over-cap',
          reason:
            v.over === 'reason' ? fit(B.maxReasonLength + 1) : v.over === 'empty-reason' ? '' : fit(500),
          allowed: {
            eventId: allows,
            memberId: this.world.members[0],
            description: fit(B.maxNameLength),
            requested,
            limit: -B.maxAbsCents,
            unit: 'points',
          },
        };
        const path = {
          none: null,
          reason: 'reason',
          'empty-reason': 'reason',
          requested: 'allowed.requested',
          action: 'action',
        }[v.over];
        const b = this.push(d, path ? refuse(path) : ADMIT, `override ${requested} (${v.over})`);
        if (!path) this.overrides.push(e.id);
        return b;
      }
      case 'odd': {
        const e = this.env();
        if (v.how === 'retry' && this.built.length > 0) {
          this.seq -= 1;
          const original = this.built[v.of % this.built.length] as Built;
          this.built.push({ ...original, label: `retry of ${original.label}` });
          return original;
        }
        const { hash: _h, ...sale } = makeSale(e) as unknown as Doc;
        const kind: OddDocKind = v.how === 'retry' ? 'unknown-type' : v.how; // nothing to retry yet
        const d = oddDoc(kind, e, sale);
        const server = kind === 'gift-card-issued';
        // The rest are parked: stored, folded once this server understands them.
        return this.push(d, server ? refuse('terminalId') : ADMIT, kind);
      }
    }
  }

  private tender(kind: TenderKind, i: number, saleId: string, total: number): Doc {
    const [a, b, odd] = this.world.cards;
    const row = spendEntryId(saleId, 'tender', `${i}`);
    const gift = (amountCents: number, code: string | undefined) => ({
      method: 'gift-card',
      amountCents,
      code,
    });
    return {
      cash: { method: 'cash', amountCents: total, tenderedCents: B.maxAbsCents, changeCents: 0 },
      card: { method: 'card', amountCents: total },
      'negative-card': { method: 'card', amountCents: -B.maxAbsCents },
      points: { method: 'points', amountCents: 1, points: 1, row },
      // A points tender far bigger than the sale.
      'points-huge': { method: 'points', amountCents: B.maxAbsCents, points: B.maxPoints, row },
      'gift-a': gift(B.maxAbsCents, a),
      'gift-b': gift(250, b),
      'gift-unknown': gift(100, fit(B.maxCodeLength, ['Z', '9'])),
      'gift-odd-currency': gift(-250, odd),
    }[kind];
  }

  private sale(v: SaleV): Built {
    const e = this.env();
    const { hash: _h, ...base } = makeSale(e) as unknown as Doc;
    const member = this.memberOf(v.member);
    const perLine = v.sign * Math.floor(B.maxAbsCents / v.lines);
    const name = fit(B.maxNameLength);
    const nLines = over(v.lines, v.over === 'lines', B.maxLines);
    const lines = Array.from({ length: nLines }, (_, i) => ({
      lineId: `L${i}`.padEnd(B.maxIdLength, '-'),
      productId: `P${i}`,
      code: String(i).padStart(B.maxCodeLength, '0'),
      name,
      quantity: B.maxQuantity,
      unitPriceCents: perLine,
      amountCents: perLine,
      discountCents: 0,
    }));
    const total = perLine * v.lines;
    const kinds =
      v.over === 'payments' ? Array.from({ length: B.maxPayments + 1 }, () => 'card' as const) : v.tenders;
    const tenders = kinds.map((k, i) => this.tender(k, i, e.id as string, total));
    const ledger: Doc[] = [];
    if (v.earn > 0) ledger.push(earnRow(e.id as string, v.earn));
    for (const t of tenders)
      if (typeof t.row === 'string') ledger.push(spendRow(t.row, -(t.points as number), 'points-tender'));
    const redemptions = Array.from(
      { length: over(v.redemptions, v.over === 'redemptions', B.maxRedemptions) },
      (_, i) => {
        const redemptionId = `R${i}`.padEnd(B.maxIdLength, 'r');
        ledger.push(
          spendRow(spendEntryId(e.id as string, 'reward', redemptionId), -B.maxPoints, `reward:x${i}`),
        );
        return {
          redemptionId,
          rewardId: fit(B.maxIdLength),
          rewardVersion: 1_000_000,
          kind: 'basket-discount',
          points: B.maxPoints,
          currency: 'points',
          discountCents: B.maxAbsCents,
          voucherCode: fit(B.maxCodeLength),
          cause: name,
          source: i % 2 ? 'catalogue' : 'unlocked',
        };
      },
    );
    if (v.over === 'ledger') {
      while (ledger.length <= B.maxLedgerEntries)
        ledger.push(spendRow(`${String(e.id)}/pad/${ledger.length}`, -1, 'pad'));
    }
    const code = (i: number) =>
      v.sameCoupon ? this.world.coupons[v.coupon % this.world.coupons.length] : `${i}-${fit(40)}`;
    const coupons = Array.from({ length: over(v.coupons, v.over === 'coupons', B.maxCoupons) }, (_, i) => ({
      code: code(i),
      formatId: fit(B.maxCodeLength),
      campaign: '__proto__',
      discountCents: 0,
      rules: Array.from({ length: B.maxPrograms }, (_, r) => ({ programId: `p${r}`, ruleId: 'constructor' })),
    }));
    const issuedCodes = Array.from(
      { length: over(v.issued, v.over === 'issuedCodes', B.maxCoupons) },
      (_, i) => ({
        code: `${i}`.padStart(B.maxCodeLength, 'V'),
        formatId: 'voucher',
        kind: i % 2 ? 'voucher' : 'coupon',
        valueCents: B.maxAbsCents,
        validUntil: Number.MAX_SAFE_INTEGER,
        source: name,
      }),
    );
    const overrides =
      v.over === 'overrides'
        ? Array.from({ length: B.maxOverrides + 1 }, () => nextId(T0))
        : v.overrides === 'max'
          ? Array.from({ length: B.maxOverrides }, () => nextId(T0))
          : v.overrides === 'batch'
            ? this.overrides.slice(-B.maxOverrides)
            : [];
    const payments = tenders.map(({ row: _r, ...t }: Doc) => t) as Doc[];
    if (v.over === 'points') payments[0] = { method: 'points', amountCents: 1, points: B.maxPoints + 1 };
    if (v.over === 'cents') payments[0] = { method: 'card', amountCents: B.maxAbsCents + 1 };
    if (v.over === 'code')
      payments[0] = { method: 'gift-card', amountCents: 1, code: 'C'.repeat(B.maxCodeLength + 1) };
    const d = {
      ...base,
      ...e,
      lines,
      subtotalCents: total,
      discountCents: 0,
      totalCents: total,
      memberId: member,
      payments,
      loyalty: member === null ? null : { memberId: member, provisionalCard: null, programs: [], ledger },
      redemptions,
      coupons,
      issuedCodes,
      overrides,
    };
    const overLedger = v.over === 'ledger' && member !== null;
    const path = {
      none: null,
      redemptions: 'redemptions',
      coupons: 'coupons',
      issuedCodes: 'issuedCodes',
      overrides: 'overrides',
      payments: 'payments',
      ledger: overLedger ? 'loyalty.ledger' : null,
      points: 'payments.0.points',
      cents: 'payments.0.amountCents',
      code: 'payments.0.code',
      lines: 'lines',
    }[v.over];
    const b = this.push(
      d,
      path ? refuse(path) : ADMIT,
      `sale ${nLines} lines ${kinds.join('+')} (${v.over})`,
    );
    if (!path) this.sales.push(b.doc);
    return b;
  }

  private returnOf(v: ReturnV): Built {
    const e = this.env();
    const sale =
      v.of === undefined || this.sales.length === 0 ? undefined : this.sales[v.of % this.sales.length];
    const saleLines = (sale?.lines as Doc[] | undefined) ?? [{ lineId: 'l1', productId: 'p1', name: 'Gone' }];
    const line = saleLines[0] as Doc;
    const member = (sale?.memberId as string | null | undefined) ?? this.world.members[1];
    const n = v.over === 'lines' ? B.maxLines + 1 : 1;
    const lines = Array.from({ length: n }, () => ({
      lineId: line.lineId,
      productId: line.productId,
      name: line.name,
      quantity: v.over === 'quantity' ? B.maxQuantity + 1 : v.quantity,
      refundCents: B.maxAbsCents,
    }));
    const refund =
      v.refund === 'cash'
        ? [{ method: 'cash', amountCents: B.maxAbsCents }]
        : v.refund === 'gift-a'
          ? [{ method: 'gift-card', amountCents: B.maxAbsCents, code: this.world.cards[0] }]
          : v.refund === 'points'
            ? [{ method: 'points', amountCents: B.maxAbsCents, points: B.maxPoints }]
            : [];
    const refunds =
      v.over === 'refunds'
        ? Array.from({ length: B.maxPayments + 1 }, () => refund[0] ?? { method: 'cash', amountCents: 1 })
        : refund;
    const ledger = [
      { ...earnRow(e.id, -B.maxPoints), id: returnEntryId(e.id, 'clawback', 'p/base') },
      spendRow(returnEntryId(e.id, 'recredit', 'points'), B.maxPoints, 'points-tender'),
    ];
    const restored = Array.from({ length: over(v.restore, v.over === 'restored', B.maxCoupons) }, (_, i) =>
      i === 0 ? (this.world.coupons[0] as string) : `${i}-${fit(40)}`,
    );
    const d = {
      ...e,
      type: 'return',
      schemaVersion: 1,
      currency: 'EUR',
      original: {
        saleId: sale?.id ?? nextId(T0),
        terminalId: sale?.terminalId ?? 'T-never',
        storeId: sale?.storeId ?? this.storeId,
        seq: sale?.seq ?? B.maxSeq,
        businessDay: '2026-11-25',
      },
      lines,
      totalCents: B.maxAbsCents,
      refunds,
      loyalty: v.loyalty ? { memberId: member, provisionalCard: null, programs: [], ledger } : null,
      restoredCoupons: restored,
      reason: v.over === 'reason' ? fit(B.maxReasonLength + 1) : fit(B.maxReasonLength),
      overrides: this.overrides.slice(-B.maxOverrides),
    };
    const path = {
      none: null,
      reason: 'reason',
      refunds: 'refunds',
      restored: 'restoredCoupons',
      lines: 'lines',
      quantity: 'lines.0.quantity',
    }[v.over];
    const what = sale ? `of ${String(sale.id)}` : 'of a sale that does not exist';
    return this.push(d, path ? refuse(path) : ADMIT, `return ${what} ×${v.quantity} (${v.over})`);
  }
}
