import { POINTS_TENDER_RULE, SPEND_PROGRAM_ID } from '../loyalty/spend-ids';
import type { LoyaltyEntry, SaleEvent } from './sale-event';
import type { JournalEvent } from './journal-event';
import type { PointsTransferEvent } from './points-transfer-event';
import type { ReturnEvent } from './return-event';
import type { Tender } from './spend';

/**
 * Whether what an event spends, gives back or gives away agrees with itself (issue 9): the ledger
 * rows a till wrote are what the server folds, so a points payment without its negative row, a
 * spend row that adds points, a negative gift-card payment or a transfer whose two rows differ
 * would move value nobody paid for. Like a sale whose totals do not add up, such an event is
 * stored and folded as sent — the sale happened — and the server raises it (`spend-mismatch`)
 * with the numbers, for a manager. Sums are BigInt: bounded rows never lose a point. Every list
 * is read defensively: a parked event unparked by a later registry, or a test's, may be leaner.
 * undefined when the event agrees with itself.
 */
export function spendProblem(event: JournalEvent): string | undefined {
  switch (event.type) {
    case 'sale':
      return saleSpendProblem(event);
    case 'return':
      return returnSpendProblem(event);
    case 'points-transfer':
      return transferProblem(event);
    default:
      return undefined;
  }
}

const isSpendRow = (e: LoyaltyEntry) => e.programId === SPEND_PROGRAM_ID;
const isPoints = (e: LoyaltyEntry) => e.account === 'points';

function saleSpendProblem(sale: SaleEvent): string | undefined {
  const name = `Sale ${sale.id} (seq ${sale.seq})`;
  const rows = sale.loyalty?.ledger ?? [];
  const payments = sale.payments ?? [];
  const adding = rows.find((e) => isSpendRow(e) && isPoints(e) && e.amount > 0);
  if (adding)
    return `${name}: its spend row ${adding.id} adds ${fmt(big(adding.amount))} points; spending only takes points.`;
  const tenderProblem = valueTenderProblem(name, payments, 'payment');
  if (tenderProblem) return tenderProblem;
  const tendered = sum(payments.filter((p) => p.method === 'points').map((p) => p.points ?? 0));
  const tenderRows = -sum(rowsOf(rows, POINTS_TENDER_RULE).map((e) => e.amount));
  if (tendered !== tenderRows) {
    return `${name}: its points payments name ${fmt(tendered)} points, but its ledger takes ${fmt(tenderRows)} points for them.`;
  }
  const redeemed = sum((sale.redemptions ?? []).map((r) => r.points));
  const rewardRows = -sum(
    rows.filter((e) => isSpendRow(e) && isPoints(e) && e.ruleId.startsWith('reward:')).map((e) => e.amount),
  );
  if (redeemed !== rewardRows) {
    return `${name}: its rewards cost ${fmt(redeemed)} points, but its ledger takes ${fmt(rewardRows)} points for them.`;
  }
  return undefined;
}

function returnSpendProblem(ret: ReturnEvent): string | undefined {
  const name = `Return ${ret.id} (seq ${ret.seq})`;
  const rows = ret.loyalty?.ledger ?? [];
  const refunds = ret.refunds ?? [];
  const taking = rows.find((e) => isSpendRow(e) && isPoints(e) && e.amount < 0);
  if (taking)
    return `${name}: its credit row ${taking.id} takes ${fmt(-big(taking.amount))} points; a return only gives spent points back.`;
  const adding = rows.find((e) => !isSpendRow(e) && isPoints(e) && e.amount > 0);
  if (adding)
    return `${name}: row ${adding.id} adds ${fmt(big(adding.amount))} earned points; a return only takes earned points back.`;
  const tenderProblem = valueTenderProblem(name, refunds, 'refund');
  if (tenderProblem) return tenderProblem;
  const refunded = sum(refunds.filter((p) => p.method === 'points').map((p) => p.points ?? 0));
  const creditRows = sum(rowsOf(rows, POINTS_TENDER_RULE).map((e) => e.amount));
  if (refunded !== creditRows) {
    return `${name}: its points refunds name ${fmt(refunded)} points, but its ledger gives back ${fmt(creditRows)} points for them.`;
  }
  return undefined;
}

function transferProblem(t: PointsTransferEvent): string | undefined {
  const name = `Points transfer ${t.id} (seq ${t.seq})`;
  if (!t.loyalty || !t.receiver) return undefined; // a leaner shape than v1: nothing to compare
  if (t.loyalty.memberId !== t.fromMemberId || t.receiver.memberId !== t.toMemberId) {
    return `${name}: its ledger rows name other members than the transfer (from ${t.fromMemberId} to ${t.toMemberId}).`;
  }
  const given = -sum((t.loyalty.ledger ?? []).filter(isPoints).map((e) => e.amount));
  const received = sum((t.receiver.ledger ?? []).filter(isPoints).map((e) => e.amount));
  const points = big(t.points);
  if (given !== points || received !== points) {
    return `${name}: it gives ${fmt(points)} points, but its rows take ${fmt(given)} from the giver and give ${fmt(received)} to the receiver.`;
  }
  return undefined;
}

/** Points and gift-card tenders carry value: never 0 or negative (that would load a card or add points). */
function valueTenderProblem(name: string, tenders: readonly Tender[], what: string): string | undefined {
  for (const [i, p] of tenders.entries()) {
    if ((p.method === 'points' || p.method === 'gift-card') && p.amountCents <= 0) {
      return `${name}: ${what} ${i + 1} by ${p.method} is ${fmt(big(p.amountCents))} cents; it must be more than 0.`;
    }
  }
  return undefined;
}

const rowsOf = (rows: readonly LoyaltyEntry[], ruleId: string) =>
  rows.filter((e) => isSpendRow(e) && isPoints(e) && e.ruleId === ruleId);

function big(n: number): bigint {
  return BigInt(n);
}

function sum(values: readonly number[]): bigint {
  let s = 0n;
  for (const v of values) s += big(v);
  return s;
}

const grouped = new Intl.NumberFormat('en-US');
function fmt(n: bigint): string {
  return grouped.format(n);
}
