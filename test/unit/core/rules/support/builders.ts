import type { Basket, BasketLine, EvalContext, Member, Program } from '../../../../../core/rules/index';
import { evaluate, parseProgram } from '../../../../../core/rules/index';

/** A line of `quantity` × `unitPriceCents`; amount follows unless given. */
export function line(
  lineId: string,
  sku: string,
  unitPriceCents: number,
  opts: Partial<Omit<BasketLine, 'lineId' | 'sku' | 'unitPriceCents'>> = {},
): BasketLine {
  const quantity = opts.quantity ?? 1;
  return {
    lineId,
    sku,
    category: opts.category ?? 'misc',
    brand: opts.brand ?? 'house',
    tags: opts.tags ?? [],
    quantity,
    unitPriceCents,
    amountCents: opts.amountCents ?? unitPriceCents * quantity,
  };
}

export function basket(lines: BasketLine[], extra: Partial<Basket> = {}): Basket {
  return { id: 'b1', currency: 'EUR', lines, ...extra };
}

export function member(extra: Partial<Member> = {}): Member {
  return {
    id: 'm1',
    segments: [],
    enrolledAt: Date.UTC(2024, 0, 15, 12),
    optedIn: true,
    purchaseCount: 5,
    visits: [],
    counters: {},
    ...extra,
  };
}

/** Wednesday 25 November 2026, 12:00 in Amsterdam (11:00 UTC). */
export const WED_NOON = Date.UTC(2026, 10, 25, 11, 0);

export function ctx(extra: Partial<EvalContext> = {}): EvalContext {
  return {
    at: WED_NOON,
    storeId: 'ams-01',
    region: 'nl-north',
    channel: 'store',
    timeZone: 'Europe/Amsterdam',
    transactionId: 'tx1',
    ...extra,
  };
}

/** A validated one-program fixture; throws on a mistake in the test itself. */
export function program(rules: unknown[], extra: Record<string, unknown> = {}): Program {
  const r = parseProgram({
    id: 'p',
    version: 1,
    name: 'Test',
    kind: 'points',
    status: 'active',
    rules,
    ...extra,
  });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** Evaluates a one-program fixture built from `rules`. */
export function run(
  rules: unknown[],
  b: Basket,
  m: Member | null = member(),
  c: Partial<EvalContext> = {},
  extra: Record<string, unknown> = {},
) {
  return evaluate([program(rules, extra)], b, m, ctx(c));
}
