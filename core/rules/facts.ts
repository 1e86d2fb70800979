import type { Basket, BasketLine, EvalContext, EventType, Member } from './model';
import type { CompiledMatch } from './conditions/line-match';
import { localTime, type LocalTime } from './local-time';

/** What a set of matched lines adds up to. `lines` are indexes into `Facts.lines`. */
export interface MatchAgg {
  readonly quantity: number;
  readonly amountCents: number;
  readonly lines: readonly number[];
}

/**
 * Everything conditions and effects read, computed once per evaluation. Lines are put in a
 * canonical order first, so the order the cashier scanned them in cannot change any result.
 */
export interface Facts {
  readonly basket: Basket;
  readonly lines: readonly BasketLine[];
  readonly totalCents: number;
  readonly member: Member | null;
  readonly ctx: EvalContext;
  readonly local: LocalTime;
  readonly eventType: EventType;
  readonly coupons: ReadonlySet<string>;
  readonly flags: ReadonlySet<string>;
  /** Line-match aggregates, filled lazily per distinct (interned) match. */
  readonly matches: Map<CompiledMatch, MatchAgg>;
}

function compareLines(a: BasketLine, b: BasketLine): number {
  if (a.sku !== b.sku) return a.sku < b.sku ? -1 : 1;
  if (a.unitPriceCents !== b.unitPriceCents) return a.unitPriceCents - b.unitPriceCents;
  if (a.amountCents !== b.amountCents) return a.amountCents - b.amountCents;
  if (a.quantity !== b.quantity) return a.quantity - b.quantity;
  return a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0;
}

export function buildFacts(basket: Basket, member: Member | null, ctx: EvalContext): Facts {
  const lines = [...basket.lines].sort(compareLines);
  let total = 0;
  for (const l of lines) total += l.amountCents;
  return {
    basket,
    lines,
    totalCents: total,
    member,
    ctx,
    local: localTime(ctx.at, ctx.timeZone),
    eventType: ctx.event?.type ?? 'purchase',
    coupons: new Set(basket.coupons ?? []),
    flags: new Set(basket.flags ?? []),
    matches: new Map(),
  };
}
