import type { Facts } from '../facts';
import { dayNumber, localTime } from '../local-time';
import type { Condition, DayName } from '../schema/condition';
import { isBirthdayWithin } from './birthday';
import { aggregate, compileMatch } from './line-match';

export type Predicate = (f: Facts) => boolean;

const DAY_INDEX: Record<DayName, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };
const DAY_MS = 86_400_000;
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const between = (v: number, min: number | undefined, max: number | undefined) =>
  (min === undefined || v >= min) && (max === undefined || v <= max);

/** Turns a condition tree into one closure; nothing is re-parsed or re-allocated per evaluation. */
export function compileCondition(c: Condition): Predicate {
  switch (c.type) {
    case 'all': {
      const parts = c.conditions.map(compileCondition);
      return (f) => {
        for (const p of parts) if (!p(f)) return false;
        return true;
      };
    }
    case 'any': {
      const parts = c.conditions.map(compileCondition);
      return (f) => {
        for (const p of parts) if (p(f)) return true;
        return false;
      };
    }
    case 'not': {
      const inner = compileCondition(c.condition);
      return (f) => !inner(f);
    }
    case 'basket-total':
      return (f) => between(f.totalCents, c.minCents, c.maxCents);
    case 'lines': {
      const match = compileMatch(c.match);
      const minQ = c.minQuantity ?? 1;
      const minA = c.minAmountCents ?? 0;
      return (f) => {
        const agg = aggregate(f, match);
        return agg.lines.length > 0 && agg.quantity >= minQ && agg.amountCents >= minA;
      };
    }
    case 'member':
      return (f) => f.member !== null;
    case 'member-tier': {
      const tiers = new Set(c.tiers);
      return (f) => f.member?.tier !== undefined && tiers.has(f.member.tier);
    }
    case 'member-segment':
      return (f) => f.member !== null && c.segments.some((s) => f.member?.segments.includes(s));
    case 'birthday':
      return (f) => !!f.member?.birthday && isBirthdayWithin(f.member.birthday, c.within, f.local);
    case 'days-since-enrolment':
      return (f) => {
        if (!f.member) return false;
        const enrolled = localTime(f.member.enrolledAt, f.ctx.timeZone);
        const days =
          dayNumber(f.local.year, f.local.month, f.local.day) -
          dayNumber(enrolled.year, enrolled.month, enrolled.day);
        return between(days, c.min, c.max);
      };
    case 'visits':
      return (f) => {
        if (!f.member) return false;
        const since = f.ctx.at - c.windowDays * DAY_MS;
        let n = 0;
        for (const v of f.member.visits) if (v.at > since && v.at <= f.ctx.at) n++;
        return between(n, c.min, c.max);
      };
    case 'spend':
      return (f) => {
        if (!f.member) return false;
        const since = f.ctx.at - c.windowDays * DAY_MS;
        let sum = 0;
        for (const v of f.member.visits) if (v.at > since && v.at <= f.ctx.at) sum += v.spendCents;
        return between(sum, c.minCents, c.maxCents);
      };
    case 'first-purchase':
      return (f) => f.member !== null && f.member.purchaseCount === 0;
    case 'days-of-week': {
      const days = new Set(c.days.map((d) => DAY_INDEX[d]));
      return (f) => days.has(f.local.weekday);
    }
    case 'hours': {
      const from = toMinutes(c.from);
      const until = toMinutes(c.until);
      // from > until wraps past midnight (22:00–02:00).
      return from <= until
        ? (f) => f.local.minutes >= from && f.local.minutes < until
        : (f) => f.local.minutes >= from || f.local.minutes < until;
    }
    case 'dates':
      return (f) =>
        (c.from === undefined || f.local.date >= c.from) &&
        (c.until === undefined || f.local.date <= c.until);
    case 'store': {
      const stores = new Set(c.stores);
      return (f) => stores.has(f.ctx.storeId);
    }
    case 'region': {
      const regions = new Set(c.regions);
      return (f) => f.ctx.region !== undefined && regions.has(f.ctx.region);
    }
    case 'channel': {
      const channels = new Set<string>(c.channels);
      return (f) => channels.has(f.ctx.channel);
    }
    case 'coupon': {
      const codes = c.codes;
      const prefix = c.prefix;
      return (f) => presentedCoupon(f, codes, prefix) !== undefined;
    }
    case 'event': {
      const events = new Set<string>(c.events);
      return (f) => events.has(f.eventType);
    }
    case 'basket-flag':
      return (f) => f.flags.has(c.flag);
  }
}

export function presentedCoupon(f: Facts, codes?: readonly string[], prefix?: string): string | undefined {
  for (const code of [...f.coupons].sort()) {
    if (codes && codes.includes(code)) return code;
    if (prefix && code.startsWith(prefix)) return code;
  }
  return undefined;
}

/** Coupon conditions in a tree that are required for it to pass (top-level or under `all`). */
export function requiredCoupons(c: Condition | undefined): Extract<Condition, { type: 'coupon' }>[] {
  if (!c) return [];
  if (c.type === 'coupon') return [c];
  if (c.type === 'all') return c.conditions.flatMap(requiredCoupons);
  return [];
}

/** The event types a tree mentions; a rule that mentions none runs on purchases only. */
export function mentionedEvents(c: Condition | undefined, out = new Set<string>()): Set<string> {
  if (!c) return out;
  if (c.type === 'event') c.events.forEach((e) => out.add(e));
  else if (c.type === 'all' || c.type === 'any') c.conditions.forEach((x) => mentionedEvents(x, out));
  else if (c.type === 'not') mentionedEvents(c.condition, out);
  return out;
}
