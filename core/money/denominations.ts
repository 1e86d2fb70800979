/*
 * The notes and coins a cashier counts per currency (issue 10, shift close), in cents, largest
 * first. A currency not listed is counted as one total (an empty list: the panel asks for the sum).
 */
const DENOMINATIONS: Readonly<Record<string, readonly number[]>> = {
  EUR: [50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  RON: [50000, 20000, 10000, 5000, 1000, 500, 100, 50, 10, 5, 1],
  GBP: [5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  USD: [10000, 5000, 2000, 1000, 500, 200, 100, 25, 10, 5, 1],
};

export function denominationsOf(currency: string): readonly number[] {
  return DENOMINATIONS[currency.toUpperCase()] ?? [];
}

/** Σ denomination × count of a count per denomination. */
export function countedCents(counted: readonly { denominationCents: number; count: number }[]): number {
  return counted.reduce((n, c) => n + c.denominationCents * c.count, 0);
}
