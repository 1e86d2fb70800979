import type { Facts } from '../facts';
import type { BasketLine } from '../model';

/** One sold unit of a line, for discounts that work per item (cheapest free, bundles). */
export interface Unit {
  readonly line: number;
  readonly priceCents: number;
}

/** Units of the given lines, most expensive first; ties in canonical line order (deterministic). */
export function unitsOf(facts: Facts, lineIndexes: readonly number[]): Unit[] {
  const units: Unit[] = [];
  for (const i of lineIndexes) {
    const line = facts.lines[i] as BasketLine;
    // A weighed line (quantity 1) is one unit priced at its amount.
    const price = line.quantity === 1 ? line.amountCents : line.unitPriceCents;
    for (let q = 0; q < line.quantity; q++) units.push({ line: i, priceCents: price });
  }
  return units.sort((a, b) => b.priceCents - a.priceCents || a.line - b.line);
}
