/**
 * Money is integer minor units end to end. `Cents` is branded so a points figure or a raw number
 * cannot be added to an amount by accident. Percentages are basis points (1% = 100 bp).
 */
declare const centsBrand: unique symbol;
export type Cents = number & { readonly [centsBrand]: 'Cents' };

declare const pointsBrand: unique symbol;
export type Points = number & { readonly [pointsBrand]: 'Points' };

export type BasisPoints = number;
export type CurrencyCode = string;

export function cents(n: number): Cents {
  if (!Number.isSafeInteger(n)) throw new RangeError(`cents must be a safe integer, got ${n}`);
  return n as Cents;
}

export function points(n: number): Points {
  if (!Number.isSafeInteger(n)) throw new RangeError(`points must be a safe integer, got ${n}`);
  return n as Points;
}

export const ZERO = 0 as Cents;

export function addCents(...amounts: readonly Cents[]): Cents {
  let sum = 0;
  for (const a of amounts) sum += a;
  return cents(sum);
}

export function sumCents(amounts: Iterable<Cents>): Cents {
  let sum = 0;
  for (const a of amounts) sum += a;
  return cents(sum);
}

/**
 * THE rounding function: half away from zero, the rule shoppers and tax offices in the EU expect
 * (0.5 ct → 1 ct, −0.5 ct → −1 ct). Every fractional money or points value goes through here.
 * `numerator / denominator` is computed without floating-point drift for integer inputs.
 */
export function roundHalfAwayFromZero(numerator: number, denominator: number): number {
  if (denominator <= 0 || !Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new RangeError(`roundHalfAwayFromZero needs safe integers and a positive denominator`);
  }
  const sign = numerator < 0 ? -1 : 1;
  const abs = Math.abs(numerator);
  const q = Math.floor(abs / denominator);
  const r = abs - q * denominator;
  const rounded = 2 * r >= denominator ? q + 1 : q;
  return sign * rounded || 0;
}

/** Price of a measured quantity: `unitPrice` per `perUnits` (e.g. per 1000 g), rounded once. */
export function priceForMeasure(unitPrice: Cents, quantity: number, perUnits: number): Cents {
  return cents(roundHalfAwayFromZero(unitPrice * quantity, perUnits));
}

/** `amount × bp / 10 000`, rounded once. */
export function percentOf(amount: Cents, bp: BasisPoints): Cents {
  return cents(roundHalfAwayFromZero(amount * bp, 10_000));
}

/**
 * Splits `total` over `weights` proportionally; the rounding remainder goes to the last share,
 * so the shares always add up to the total exactly.
 */
export function allocate(total: Cents, weights: readonly number[]): Cents[] {
  const weightSum = weights.reduce((s, w) => s + w, 0);
  if (weights.length === 0) return [];
  if (weightSum === 0) return weights.map((_, i) => (i === weights.length - 1 ? total : ZERO));
  const shares: Cents[] = [];
  let given = 0;
  for (let i = 0; i < weights.length - 1; i++) {
    const share = roundHalfAwayFromZero(total * (weights[i] ?? 0), weightSum);
    shares.push(cents(share));
    given += share;
  }
  shares.push(cents(total - given));
  return shares;
}
