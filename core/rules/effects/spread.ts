import { allocate, cents } from '../../money/money';

/**
 * Splits `total` over lines in proportion to `caps` without any line getting more than its cap
 * (a discount never exceeds what it discounts). `total` is first capped at the sum of the caps.
 */
export function spread(total: number, caps: readonly number[]): number[] {
  const capSum = caps.reduce((s, c) => s + Math.max(0, c), 0);
  const amount = Math.min(total, capSum);
  if (amount <= 0) return caps.map(() => 0);
  const shares = allocate(
    cents(amount),
    caps.map((c) => Math.max(0, c)),
  ).map(Number);
  // Rounding can push the last share past its cap by a cent or two: move the excess to lines with room.
  let excess = 0;
  for (let i = 0; i < shares.length; i++) {
    const cap = Math.max(0, caps[i] ?? 0);
    if ((shares[i] ?? 0) > cap) {
      excess += (shares[i] ?? 0) - cap;
      shares[i] = cap;
    }
  }
  for (let i = 0; i < shares.length && excess > 0; i++) {
    const room = Math.max(0, caps[i] ?? 0) - (shares[i] ?? 0);
    const take = Math.min(room, excess);
    shares[i] = (shares[i] ?? 0) + take;
    excess -= take;
  }
  return shares;
}
