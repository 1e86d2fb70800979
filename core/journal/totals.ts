import type { SaleEvent } from './sale-event';

/**
 * undefined when the sale adds up; otherwise a manager-readable reason with the numbers.
 * `sale` is a validated (integer) sale. Sums are BigInt, so no basket loses a cent, however large.
 * A sale that does not add up is still stored; the server raises it as `totals-mismatch`.
 */
export function saleTotalsProblem(sale: SaleEvent): string | undefined {
  const name = `Sale ${sale.id} (seq ${sale.seq})`;
  const total = big(sale.totalCents);
  const subtotal = big(sale.subtotalCents);
  const discount = big(sale.discountCents);

  const lineAmounts = sum(sale.lines.map((l) => l.amountCents));
  const lineNet = lineAmounts - sum(sale.lines.map((l) => l.discountCents));
  if (lineNet !== total) {
    return `${name}: the lines come to ${fmt(lineNet)} cents after their discounts, but the total is ${fmt(total)} cents.`;
  }
  if (subtotal !== lineAmounts) {
    return `${name}: the lines add up to ${fmt(lineAmounts)} cents, but the subtotal is ${fmt(subtotal)} cents.`;
  }
  if (subtotal - discount !== total) {
    return `${name}: the subtotal of ${fmt(subtotal)} cents less the discount of ${fmt(discount)} cents is ${fmt(subtotal - discount)} cents, but the total is ${fmt(total)} cents.`;
  }
  // Donations are paid on top of the goods (a round-up): the tender covers both.
  const donated = sum(sale.donations.map((d) => d.cents));
  const paid = sum(sale.payments.map((p) => p.amountCents));
  if (paid !== total + donated) {
    return donated === 0n
      ? `${name}: the payments add up to ${fmt(paid)} cents, but the total is ${fmt(total)} cents.`
      : `${name}: the payments add up to ${fmt(paid)} cents, but the total of ${fmt(total)} cents plus the donations of ${fmt(donated)} cents is ${fmt(total + donated)} cents.`;
  }
  for (const [i, p] of sale.payments.entries()) {
    if (p.method !== 'cash' || p.tenderedCents === undefined || p.changeCents === undefined) continue;
    const kept = big(p.tenderedCents) - big(p.changeCents);
    if (kept !== big(p.amountCents)) {
      return `${name}: cash payment ${i + 1} took ${fmt(big(p.tenderedCents))} cents and gave ${fmt(big(p.changeCents))} cents change, which is ${fmt(kept)} cents, but it says ${fmt(big(p.amountCents))} cents.`;
    }
  }
  return undefined;
}

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
