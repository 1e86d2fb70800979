import type { Product } from '../catalog/product';
import type { ReturnEvent, ReturnLine } from '../journal/return-event';
import type { LoyaltyEntry, SaleEvent, SaleLoyalty } from '../journal/sale-event';
import type { Tender } from '../journal/spend';
import { err, ok, type Result } from '../result/result';
import type { CompiledProgram } from '../rules/compile';
import { evaluate } from '../rules/evaluate';
import { counterKey, type Basket, type Member, type RuleCounter } from '../rules/model';
import { POINTS_ACCOUNT } from './balance-rule';
import { allocateRefund, recreditRows } from './refund-allocation';
import {
  basketOf,
  lineProgress,
  netOf,
  returnLinesFor,
  returnsOfSale,
  shareOf,
  type LineProgress,
  type ReturnAsk,
  type ReturnLinesReason,
} from './returnable';
import { returnEntryId, SPEND_PROGRAM_ID } from './spend-ids';

/**
 * A return planned (issue 9), pure: the lines that come back and their refunds, the money back by
 * the original tenders, and the member's loyalty reversed. The till writes the `return` event from
 * it; the same inputs always give the same plan (and the same ledger ids), so planning twice never
 * takes points back twice.
 *
 * Loyalty reversal — the member keeps exactly what the KEPT goods earn, never more:
 *   kept         = Σ positive 'points' rows the kept basket (the sale's lines minus everything
 *                  returned so far, this return included) earns, evaluated with the same program
 *                  versions, at the sale's moment, in its store and time zone, with its flags,
 *                  coupons and member;
 *   earnedBefore = Σ positive 'points' rows of the sale − what earlier returns took back;
 *   clawback     = max(0, earnedBefore − min(kept, originalEarned)).
 * So a multiplier or a threshold bonus the return undoes is taken back, and a return never gives
 * points. The clawback is split over the sale's program rules (one negative row per rule, id
 * returnEntryId(returnId, 'clawback', '<programId>@<version>/<ruleId>')).
 *
 * Fallback, per rule: when the sale's version of a program is not given, or evaluating the WHOLE
 * sale again does not give the rule what the sale recorded (a product gone from the catalogue, a
 * member counter that moved since), the kept basket cannot be trusted for that rule; it is then
 * taken back in proportion to the value returned: the member keeps floor(earned × kept value /
 * sale value). `fallbacks` in the plan names each such rule.
 *
 * Only the 'points' account follows a return. Stamps, challenge progress, badges, coupons issued and
 * points a donation gave away are left as the sale wrote them (a stamp card is not re-punched).
 *
 * Spent points come back: the points payment's part as a `points` refund tender, mirrored by one
 * positive ledger row of the same number (returnEntryId(returnId, 'recredit', 'tender')), exactly as
 * sale v5 records a points payment; points spent on rewards in proportion to the value returned,
 * rounded down, in one positive row (returnEntryId(returnId, 'recredit', 'spend')). Nothing is
 * credited twice: the tender's points are only in the tender row.
 *
 * Money: each line gives back its share of what it cost (returnable.ts), by the original tenders
 * (refund-allocation.ts). A donation given on top of the goods (a round-up) is not refunded.
 *
 * Coupons used on the sale are restored only when the whole sale has come back (every line in
 * full, counting earlier returns): a coupon unlocked the basket as a whole, so a partial return
 * keeps it spent.
 */

export type PlanReturnReason = ReturnLinesReason;

export interface ReversalFallback {
  programId: string;
  version: number;
  ruleId: string;
  reason: 'program-version-missing' | 're-evaluation-differs';
}

export interface ReturnPlan {
  lines: ReturnLine[];
  /** Σ lines' refundCents. */
  totalCents: number;
  /** By the original tender types (refund-allocation.ts). */
  refunds: Tender[];
  /** The return's loyalty block; null when the sale had none. */
  loyalty: SaleLoyalty | null;
  restoredCoupons: string[];
  /** Σ points the clawback rows take. */
  pointsTakenBack: number;
  /** Σ spent points credited back (the points tender's and the rewards'). */
  pointsCredited: number;
  /** True when, with this return, every line of the sale has come back in full. */
  wholeSaleReturned: boolean;
  /** Rules reversed in proportion instead of by re-evaluation, and why. */
  fallbacks: ReversalFallback[];
}

export interface PlanReturnInput {
  returnId: string;
  sale: SaleEvent;
  priorReturns: readonly ReturnEvent[];
  lines: readonly ReturnAsk[];
  /** The versions the sale names, when the till has them (others are ignored). */
  programs: readonly CompiledProgram[];
  /** The member as the engine saw them at the sale (rulesMemberOf of the replica), or null. */
  member: Member | null;
  store: { storeId: string; timeZone: string; locale: string };
  /** The catalogue product of a line (category, brand, tags); without it a line earns on its amount only. */
  product?: (productId: string) => Product | undefined;
}

/** The rule of a row to reverse: programId@version/ruleId. */
const ruleKey = (e: Pick<LoyaltyEntry, 'programId' | 'programVersion' | 'ruleId'>): string =>
  `${e.programId}@${e.programVersion}/${e.ruleId}`;
const isEarn = (e: Pick<LoyaltyEntry, 'account' | 'amount' | 'programId'>): boolean =>
  e.account === POINTS_ACCOUNT && e.amount > 0 && e.programId !== SPEND_PROGRAM_ID;
const isClawback = (e: Pick<LoyaltyEntry, 'account' | 'amount' | 'programId'>): boolean =>
  e.account === POINTS_ACCOUNT && e.amount < 0 && e.programId !== SPEND_PROGRAM_ID;

function sumBy<T>(rows: Iterable<T>, key: (t: T) => string, amount: (t: T) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + amount(r));
  return out;
}

interface Evaluated {
  /** Points per rule key. */
  byRule: Map<string, number>;
}

function evaluateAt(
  q: PlanReturnInput,
  programs: readonly CompiledProgram[],
  basket: Basket,
  member: Member | null,
): Evaluated {
  if (basket.lines.length === 0 || programs.length === 0) return { byRule: new Map() };
  const evaluation = evaluate(programs, basket, member, {
    at: q.sale.createdAt,
    storeId: q.store.storeId,
    channel: 'store',
    timeZone: q.store.timeZone,
    transactionId: q.sale.id,
    locale: q.store.locale,
  });
  return { byRule: sumBy(evaluation.ledger.filter(isEarn), ruleKey, (e) => e.amount) };
}

/**
 * The member as the sale saw them. The replica may have folded this sale already (the server
 * counts one purchase, one visit and, per rule that gave rows, one use on the business day:
 * core/folds/member-figures.ts), and then a once-a-day or first-purchase rule would no longer pass
 * on a re-evaluation. This takes the sale's own counts off again.
 */
export function memberBeforeSale(member: Member, sale: SaleEvent): Member {
  const rules = new Set(
    (sale.loyalty?.ledger ?? [])
      .filter((e) => e.programId !== SPEND_PROGRAM_ID)
      .map((e) => counterKey(e.programId, e.ruleId)),
  );
  const counters: Record<string, RuleCounter> = {};
  for (const [key, c] of Object.entries(member.counters)) {
    const day = c.byDay?.[sale.businessDay];
    counters[key] = !rules.has(key)
      ? c
      : {
          lifetime: Math.max(0, c.lifetime - 1),
          ...(c.byDay
            ? {
                byDay: day === undefined ? c.byDay : { ...c.byDay, [sale.businessDay]: Math.max(0, day - 1) },
              }
            : {}),
        };
  }
  const visit = member.visits.findIndex((v) => v.at === sale.createdAt);
  return {
    ...member,
    purchaseCount: Math.max(0, member.purchaseCount - 1),
    visits: visit < 0 ? member.visits : member.visits.filter((_, i) => i !== visit),
    counters,
  };
}

/**
 * Re-evaluates the whole sale with the member as given and, if that does not reproduce every rule
 * the sale recorded, with the sale's own counts taken off (memberBeforeSale); the member that
 * reproduces more rules judges the kept goods (the one given on a tie).
 */
function memberThatReproduces(
  q: PlanReturnInput,
  programs: readonly CompiledProgram[],
  wholeBasket: Basket,
  original: ReadonlyMap<string, number>,
): { member: Member | null; whole: Evaluated } {
  const matches = (e: Evaluated) => [...original].filter(([k, n]) => (e.byRule.get(k) ?? 0) === n).length;
  const given = evaluateAt(q, programs, wholeBasket, q.member);
  if (!q.member || matches(given) === original.size) return { member: q.member, whole: given };
  const before = memberBeforeSale(q.member, q.sale);
  const again = evaluateAt(q, programs, wholeBasket, before);
  return matches(again) > matches(given)
    ? { member: before, whole: again }
    : { member: q.member, whole: given };
}

interface Reversal {
  ledger: LoyaltyEntry[];
  pointsTakenBack: number;
  fallbacks: ReversalFallback[];
}

/** The clawback rows (see the header): exact rules by re-evaluation, the others in proportion. */
function clawback(
  q: PlanReturnInput,
  loyalty: SaleLoyalty,
  progress: readonly LineProgress[],
  units: ReadonlyMap<string, number>,
  value: { kept: number; sale: number },
  /** Cents paid with points: by the whole sale, and still by the kept goods (after the points refunds). */
  paidInPoints: { sale: number; kept: number },
): Reversal {
  const named = new Set(loyalty.programs.map((p) => `${p.programId}@${p.version}`));
  const programs = q.programs.filter((c) => named.has(`${c.program.id}@${c.program.version}`));
  const given = new Set(programs.map((c) => `${c.program.id}@${c.program.version}`));
  const earnRows = loyalty.ledger.filter(isEarn);
  const original = sumBy(earnRows, ruleKey, (e) => e.amount);
  const prior = q.priorReturns.flatMap((r) => r.loyalty?.ledger ?? []);
  const taken = sumBy(prior.filter(isClawback), ruleKey, (e) => -e.amount);
  const product = q.product ? { product: q.product } : {};
  const wholeBasket = basketOf(q.sale, progress, (p) => p.whole, {
    ...product,
    pointsPaidCents: paidInPoints.sale,
  });
  const { member, whole } = memberThatReproduces(q, programs, wholeBasket, original);
  const keptUnits = (p: LineProgress) => p.whole - p.returned - (units.get(p.line.lineId) ?? 0);
  const kept = evaluateAt(
    q,
    programs,
    basketOf(q.sale, progress, keptUnits, { ...product, pointsPaidCents: paidInPoints.kept }),
    member,
  );

  const fallbacks: ReversalFallback[] = [];
  const exact: { key: string; deficit: number }[] = [];
  const claws = new Map<string, number>();
  let exactBefore = 0;
  let exactKept = 0;
  let exactOriginal = 0;
  for (const [key, orig] of [...original].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const row = earnRows.find((e) => ruleKey(e) === key) as LoyaltyEntry;
    const before = Math.max(0, orig - (taken.get(key) ?? 0));
    const version = `${row.programId}@${row.programVersion}`;
    const reason = !given.has(version)
      ? 'program-version-missing'
      : (whole.byRule.get(key) ?? 0) !== orig
        ? 're-evaluation-differs'
        : null;
    if (reason) {
      fallbacks.push({ programId: row.programId, version: row.programVersion, ruleId: row.ruleId, reason });
      claws.set(key, Math.max(0, before - shareOf(orig, value.kept, value.sale)));
      continue;
    }
    const keptHere = kept.byRule.get(key) ?? 0;
    exact.push({ key, deficit: Math.max(0, before - Math.min(keptHere, orig)) });
    exactBefore += before;
    exactKept += keptHere;
    exactOriginal += orig;
  }
  // A rule the kept basket earns but the whole sale did not (a stacking group now won by another
  // rule) is part of what the kept goods earn; one the whole basket also earns now is drift.
  for (const [key, pts] of kept.byRule) if (!original.has(key) && !whole.byRule.has(key)) exactKept += pts;
  let rest = Math.max(0, exactBefore - Math.min(exactKept, exactOriginal));
  for (const e of exact) {
    const take = Math.min(e.deficit, rest);
    claws.set(e.key, take);
    rest -= take;
  }

  const ledger: LoyaltyEntry[] = [];
  for (const [key, amount] of [...claws].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (amount <= 0) continue;
    const row = earnRows.find((e) => ruleKey(e) === key) as LoyaltyEntry;
    ledger.push({
      id: returnEntryId(q.returnId, 'clawback', key),
      account: POINTS_ACCOUNT,
      unit: row.unit,
      amount: -amount,
      programId: row.programId,
      programVersion: row.programVersion,
      ruleId: row.ruleId,
      text: `Returned goods: ${row.text}`.slice(0, 200),
    });
  }
  return { ledger, pointsTakenBack: ledger.reduce((n, e) => n - e.amount, 0), fallbacks };
}

export function planReturn(input: PlanReturnInput): Result<ReturnPlan, PlanReturnReason> {
  // The returns of this sale only, and never this return itself (planning again after it was
  // written gives the same plan, not a second one on top).
  const priorReturns = returnsOfSale(input.sale, input.priorReturns).filter((r) => r.id !== input.returnId);
  const q: PlanReturnInput = { ...input, priorReturns };
  const progress = lineProgress(q.sale, priorReturns);
  const asked = returnLinesFor(progress, q.lines);
  if (!asked.ok) return err(asked.reason, asked.message);
  const { lines, units } = asked.value;
  const totalCents = lines.reduce((n, l) => n + l.refundCents, 0);

  const refunds = allocateRefund(
    q.sale.payments,
    priorReturns.flatMap((r) => r.refunds),
    totalCents,
  );

  const saleValue = progress.reduce((n, p) => n + netOf(p.line), 0);
  const returnedValue = progress.reduce((n, p) => n + p.refunded, 0) + totalCents;
  const wholeSaleReturned = progress.every((p) => p.returned + (units.get(p.line.lineId) ?? 0) >= p.whole);
  const restoredCoupons = wholeSaleReturned ? [...new Set(q.sale.coupons.map((c) => c.code))] : [];

  const loyalty = q.sale.loyalty;
  if (!loyalty) {
    return ok({
      lines,
      totalCents,
      refunds,
      loyalty: null,
      restoredCoupons,
      pointsTakenBack: 0,
      pointsCredited: 0,
      wholeSaleReturned,
      fallbacks: [],
    });
  }
  const inPoints = (ts: readonly Tender[]) =>
    ts.reduce((n, t) => n + (t.method === 'points' ? Math.max(0, t.amountCents) : 0), 0);
  const paidInPoints = inPoints(q.sale.payments);
  const keptInPoints = paidInPoints - inPoints(priorReturns.flatMap((r) => r.refunds)) - inPoints(refunds);
  const reversal = clawback(
    q,
    loyalty,
    progress,
    units,
    { kept: Math.max(0, saleValue - returnedValue), sale: saleValue },
    { sale: paidInPoints, kept: Math.max(0, keptInPoints) },
  );
  const credits = recreditRows({
    returnId: q.returnId,
    loyalty,
    priorReturns,
    refunds,
    value: { returned: returnedValue, sale: saleValue },
  });
  return ok({
    lines,
    totalCents,
    refunds,
    loyalty: {
      memberId: loyalty.memberId,
      provisionalCard: loyalty.provisionalCard,
      programs: loyalty.programs.map((p) => ({ programId: p.programId, version: p.version })),
      ledger: [...reversal.ledger, ...credits],
    },
    restoredCoupons,
    pointsTakenBack: reversal.pointsTakenBack,
    pointsCredited: credits.reduce((n, e) => n + e.amount, 0),
    wholeSaleReturned,
    fallbacks: reversal.fallbacks,
  });
}
