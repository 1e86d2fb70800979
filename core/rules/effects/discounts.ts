import { percentOf, cents } from '../../money/money';
import { aggregate, ALL_LINES, compileMatch, type CompiledMatch } from '../conditions/line-match';
import { message, type LoyaltyMessage, type MessageMoney } from '../messages';
import type { EffectOf } from '../schema/effect';
import { spread } from './spread';
import {
  moneyOf,
  remaining,
  type ApplyEffect,
  type AppliedEffect,
  type EffectOrigin,
  type EvalState,
} from './types';
import { unitsOf, type Unit } from './units';

const toBp = (percent: number) => Math.round(percent * 100);

/** Books wanted per-line discounts (line index → cents), each capped at what is left of its line. */
export function bookLines(
  state: EvalState,
  wanted: Map<number, number>,
): { lines: { lineId: string; discountCents: number }[]; total: number } {
  const lines: { lineId: string; discountCents: number }[] = [];
  let total = 0;
  for (const [i, want] of [...wanted].sort((a, b) => a[0] - b[0])) {
    const d = Math.min(want, remaining(state, i));
    if (d <= 0) continue;
    state.discounts[i] = (state.discounts[i] ?? 0) + d;
    lines.push({ lineId: state.facts.lines[i]?.lineId ?? '', discountCents: d });
    total += d;
  }
  return { lines, total };
}

/** Books wanted per-line discounts as one discount effect (null if nothing was left to take off). */
function book(
  origin: EffectOrigin,
  state: EvalState,
  wanted: Map<number, number>,
  label: string,
  msg: (amount: MessageMoney, rule: string) => LoyaltyMessage,
): AppliedEffect | null {
  const { lines, total } = bookLines(state, wanted);
  if (total === 0) return null;
  return {
    // Spelled out rather than spread: discounts and points are the hot path (see money-text.ts).
    programId: origin.programId,
    programVersion: origin.programVersion,
    ruleId: origin.ruleId,
    ruleName: origin.ruleName,
    effectIndex: origin.effectIndex,
    kind: 'discount',
    discountCents: total,
    lines,
    text: `−${state.money(total)} ${label} — ${origin.ruleName}`.replace('  ', ' '),
    message: msg(moneyOf(state, total), origin.ruleName),
  };
}

const matchOf = (on: EffectOf<'percent-off'>['on']): CompiledMatch => (on ? compileMatch(on) : ALL_LINES);

export function percentOff(e: EffectOf<'percent-off'>): ApplyEffect {
  const match = matchOf(e.on);
  const bp = toBp(e.percent);
  return (run, state, origin) => {
    const idx = aggregate(state.facts, match).lines;
    const wanted = idx.map((i) => percentOf(cents(remaining(state, i)), bp) as number);
    const total = wanted.reduce((s, d) => s + d, 0);
    const capped = e.maxCents !== undefined && total > e.maxCents ? spread(e.maxCents, wanted) : wanted;
    return book(
      origin,
      state,
      new Map(idx.map((i, k) => [i, capped[k] ?? 0])),
      `${e.percent}% off`,
      (amount, rule) => message('discount-percent', { amount, percent: e.percent, rule }),
    );
  };
}

export function amountOff(e: EffectOf<'amount-off'>): ApplyEffect {
  const match = matchOf(e.on);
  return (run, state, origin) => {
    const idx = aggregate(state.facts, match).lines;
    const shares = spread(
      e.amountCents,
      idx.map((i) => remaining(state, i)),
    );
    return book(origin, state, new Map(idx.map((i, k) => [i, shares[k] ?? 0])), 'off', (amount, rule) =>
      message('discount-amount', { amount, rule }),
    );
  };
}

/** Adds a unit's discount to its line's wanted total. */
function add(wanted: Map<number, number>, unit: Unit, d: number) {
  if (d > 0) wanted.set(unit.line, (wanted.get(unit.line) ?? 0) + d);
}

export function fixedPrice(e: EffectOf<'fixed-price'>): ApplyEffect {
  const match = compileMatch(e.on);
  return (run, state, origin) => {
    const units = unitsOf(state.facts, aggregate(state.facts, match).lines).slice(0, run.maxTimes);
    const wanted = new Map<number, number>();
    for (const u of units) add(wanted, u, u.priceCents - e.priceCents);
    return book(origin, state, wanted, `at ${state.money(e.priceCents)} each`, (amount, rule) =>
      message('discount-fixed-price', { amount, price: moneyOf(state, e.priceCents), rule }),
    );
  };
}

/**
 * Buy X get Y: units sorted most expensive first, cut into groups of X+Y; in every complete
 * group the Y cheapest get the discount. "Cheapest free, every 3" is buy 2 get 1 at 100%.
 */
function groupDiscount(
  match: CompiledMatch,
  buy: number,
  get: number,
  bp: number,
  label: string,
  msg: (amount: MessageMoney, rule: string) => LoyaltyMessage,
): ApplyEffect {
  return (run, state, origin) => {
    const units = unitsOf(state.facts, aggregate(state.facts, match).lines);
    const size = buy + get;
    const groups = Math.min(Math.floor(units.length / size), run.maxTimes);
    const wanted = new Map<number, number>();
    for (let g = 0; g < groups; g++) {
      for (let k = g * size + buy; k < (g + 1) * size; k++) {
        const u = units[k] as Unit;
        add(wanted, u, percentOf(cents(u.priceCents), bp));
      }
    }
    return book(origin, state, wanted, label, msg);
  };
}

export function cheapestFree(e: EffectOf<'cheapest-free'>): ApplyEffect {
  return groupDiscount(
    compileMatch(e.on),
    e.every - 1,
    1,
    10_000,
    `cheapest of ${e.every} free`,
    (amount, rule) => message('discount-cheapest-free', { amount, every: e.every, rule }),
  );
}

export function buyXGetY(e: EffectOf<'buy-x-get-y'>): ApplyEffect {
  const pct = e.percent ?? 100;
  const label = pct === 100 ? `buy ${e.buy} get ${e.get} free` : `buy ${e.buy} get ${e.get} at ${pct}% off`;
  const { buy, get } = e;
  return groupDiscount(compileMatch(e.on), buy, get, toBp(pct), label, (amount, rule) =>
    pct === 100
      ? message('discount-buy-get', { amount, buy, get, rule })
      : message('discount-buy-get-percent', { amount, buy, get, percent: pct, rule }),
  );
}

/** Each complete bundle (the most expensive eligible units first) costs `priceCents`. */
export function bundlePrice(e: EffectOf<'bundle-price'>): ApplyEffect {
  const parts = e.items.map((item) => ({ match: compileMatch(item.on), quantity: item.quantity }));
  return (run, state, origin) => {
    const used = new Map<number, number>(); // line → units taken
    const pools = parts.map((p) => unitsOf(state.facts, aggregate(state.facts, p.match).lines));
    const wanted = new Map<number, number>();
    for (let b = 0; b < run.maxTimes; b++) {
      const taken: Unit[] = [];
      const trial = new Map(used);
      let complete = true;
      parts.forEach((p, k) => {
        let need = p.quantity;
        for (const u of pools[k] ?? []) {
          if (need === 0) break;
          const line = state.facts.lines[u.line];
          if ((trial.get(u.line) ?? 0) >= (line?.quantity ?? 0)) continue;
          trial.set(u.line, (trial.get(u.line) ?? 0) + 1);
          taken.push(u);
          need--;
        }
        if (need > 0) complete = false;
      });
      if (!complete) break;
      for (const [l, n] of trial) used.set(l, n);
      const worth = taken.reduce((s, u) => s + u.priceCents, 0);
      const shares = spread(
        worth - e.priceCents,
        taken.map((u) => u.priceCents),
      );
      taken.forEach((u, k) => add(wanted, u, shares[k] ?? 0));
    }
    return book(origin, state, wanted, `bundle for ${state.money(e.priceCents)}`, (amount, rule) =>
      message('discount-bundle', { amount, price: moneyOf(state, e.priceCents), rule }),
    );
  };
}
