import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUlid } from '../../../core/ids/ids';
import {
  createProgramCache,
  evaluate,
  parseProgram,
  type Member,
  type Program,
} from '../../../core/rules/index';
import { matchLoyaltyCard } from '../../../core/scan/loyalty-card';
import { DEMO_SCAN_CONFIG } from '../../../core/scan/scan-config';
import { DEMO_STORE, demoCatalogue, demoSamples } from '../../../sync-server/src/demo/demo-catalogue';
import {
  DEMO_CARD,
  demoCardNumber,
  demoMemberId,
  demoMembers,
  SEED_SYSTEM_MEMBERS,
} from '../../../sync-server/src/demo/demo-members';
import { DEMO_PROGRAM_FILES, demoPrograms } from '../../../sync-server/src/demo/demo-programs';
import { maskName } from '../../../sync-server/src/storage/repos/members';

const DIR = join(__dirname, '../../../sync-server/programs/demo');
/** Wednesday 25 November 2026, 12:00 in Amsterdam; Saturday 28 November 12:00; Wednesday 08:30. */
const WED_NOON = Date.UTC(2026, 10, 25, 11);
const SAT_NOON = Date.UTC(2026, 10, 28, 11);
const WED_BREAKFAST = Date.UTC(2026, 10, 25, 7, 30);

const programs: Program[] = demoPrograms().map((p) => {
  const r = parseProgram(p.program);
  if (!r.ok) throw new Error(`${p.source}: ${r.message}`);
  return r.value;
});
/** What a till evaluates: the newest published version of each program (the stars program has two). */
const live: Program[] = programs.filter((p) => !programs.some((q) => q.id === p.id && q.version > p.version));
const cache = createProgramCache();
const samples = demoSamples(demoCatalogue());
const line = (
  lineId: string,
  p: { id: string; priceCents: number; category: string; brand: string; tags: string[] },
) => ({
  lineId,
  sku: p.id,
  category: p.category,
  brand: p.brand,
  tags: p.tags,
  quantity: 1,
  unitPriceCents: p.priceCents,
  amountCents: p.priceCents,
});
const member = (extra: Partial<Member> = {}): Member => ({
  id: 'm1',
  segments: [],
  birthday: '1990-06-15',
  enrolledAt: Date.UTC(2024, 0, 15),
  optedIn: true,
  purchaseCount: 5,
  visits: [],
  counters: {},
  ...extra,
});
const run = (m: Member | null, at: number, lines = [line('l1', samples.coffee), line('l2', samples.milk)]) =>
  evaluate(
    live.map((p) => cache.get(p)),
    { id: 'b1', currency: 'EUR', lines },
    m,
    {
      at,
      storeId: DEMO_STORE.storeId,
      region: 'nl-north',
      channel: 'store',
      timeZone: DEMO_STORE.timeZone,
      transactionId: 'tx1',
    },
  );

describe('the demo loyalty data', () => {
  it('publishes every file of sync-server/programs/demo, each valid and in the demo store only', () => {
    expect(Object.keys(DEMO_PROGRAM_FILES).sort()).toEqual(
      readdirSync(DIR)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    );
    // 15 files, and version 2 of the stars program (its redemption rate).
    expect(programs).toHaveLength(16);
    expect(programs.filter((p) => p.id === 'demo-stars').map((p) => p.version)).toEqual([1, 2]);
    for (const p of programs) expect(p.scope?.stores).toEqual([DEMO_STORE.storeId]);
  });

  it('gives members cards of the demo formats with valid check digits, unique, and fixed ULIDs', () => {
    const members = demoMembers(WED_NOON);
    expect(members).toHaveLength(28);
    const cards = members.flatMap((m) => m.cards);
    expect(new Set(cards).size).toBe(cards.length);
    for (const c of cards)
      expect(matchLoyaltyCard(c, DEMO_SCAN_CONFIG.loyaltyCards)).toMatchObject({ ok: true });
    expect(matchLoyaltyCard(DEMO_CARD, DEMO_SCAN_CONFIG.loyaltyCards)).toEqual({
      ok: true,
      value: { formatId: 'kassa-fob', cardNumber: '2620000000015' },
    });
    expect(
      matchLoyaltyCard(demoCardNumber('kassa-plastic', 1001), DEMO_SCAN_CONFIG.loyaltyCards),
    ).toMatchObject({
      ok: true,
      value: { formatId: 'kassa-plastic' },
    });
    for (const m of members) expect(isUlid(m.memberId as string)).toBe(true);
    expect(members.map((m) => maskName(m.fullName)).slice(0, 3)).toEqual([
      'J. de V…',
      'P. van den B…',
      'S. J…',
    ]);
    expect(new Set(members.map((m) => m.tier))).toEqual(new Set([null, 'Silver', 'Gold']));
    expect(members.filter((m) => m.segments?.includes('students')).length).toBeGreaterThan(2);
  });

  it('puts the first member’s birthday in the month of the seed (store time), the same all month', () => {
    const johanna = (at: number) => demoMembers(at)[0]?.birthday;
    expect(johanna(WED_NOON)).toBe('1988-11-15');
    expect(johanna(Date.UTC(2026, 10, 1))).toBe('1988-11-15');
    expect(johanna(Date.UTC(2026, 5, 30))).toBe('1988-06-15');
    // 23:30 UTC on 31 December is 00:30 on 1 January in Amsterdam.
    expect(johanna(Date.UTC(2026, 11, 31, 23, 30))).toBe('1988-01-15');
    // Everyone else is the same, but the anniversary member (the last one): see below.
    expect(demoMembers(Date.UTC(2026, 5, 30)).slice(1, -1)).toEqual(demoMembers(WED_NOON).slice(1, -1));
  });

  it('enrols the anniversary member two years before the seed’s store-local day', () => {
    const roos = (at: number) => demoMembers(at).find((m) => m.memberId === demoMemberId(28))?.enrolledAt;
    // Noon UTC: 13:00 in Amsterdam in winter, the same store-local date.
    expect(roos(WED_NOON)).toBe(Date.UTC(2024, 10, 25, 12));
    // 23:30 UTC on 31 December 2026 is 1 January 2027 in Amsterdam.
    expect(roos(Date.UTC(2026, 11, 31, 23, 30))).toBe(Date.UTC(2025, 0, 1, 12));
    // 29 February 2028 has no twin two years earlier: the 28th.
    expect(roos(Date.UTC(2028, 1, 29, 12))).toBe(Date.UTC(2026, 1, 28, 12));
  });

  // Douwe Egberts filter coffee €6.69 (Koffie & Thee) + Campina milk €1.29 = €7.98.
  it('earns as the seed systems say: 2 per euro, tier multiplier, segment offer, weekend 2×, birthday, breakfast', () => {
    expect(samples.coffee).toMatchObject({ category: 'Koffie & Thee', priceCents: 669 });
    expect(samples.milk.priceCents).toBe(129);

    // A plain member on a Wednesday: 2 × 7.98 = 15.96, rounded down: 15.
    expect(run(member(), WED_NOON).points).toEqual({ points: 15 });

    // Gold, coffee segment: the Gold benefit takes 10% off the coffee (66.9 → 67: €6.02), so
    // €7.31 → 14 base + 1.5× (+7) + 25 coffee-lover points = 46.
    const gold = run(member({ tier: 'Gold', segments: ['coffee'] }), WED_NOON);
    expect(gold.lines.map((l) => l.discountCents)).toEqual([67, 0]);
    expect(gold.points).toEqual({ points: 46 });
    expect(gold.trace.map((t) => t.text)).toEqual(
      expect.arrayContaining(['+25 points — Coffee lovers: 25 bonus points on coffee and tea']),
    );

    // Saturday: multipliers add, each on the base, never compound: 14 + 7 (Gold) + 14 (2×) + 25 = 60.
    const weekend = run(member({ tier: 'Gold', segments: ['coffee'] }), SAT_NOON);
    expect(weekend.points).toEqual({ points: 60 });
    expect(weekend.trace.map((t) => t.text)).toContain('2× points (+14) — Weekend double points');
    // Silver has the multiplier but not the coffee benefit: 15 + 1.25× (+3.75 → +3) = 18.
    const silver = run(member({ tier: 'Silver' }), WED_NOON);
    expect(silver.totals.discountCents).toBe(0);
    expect(silver.points).toEqual({ points: 18 });

    // Birthday month: +100 once a year.
    expect(run(member({ birthday: '1990-11-03' }), WED_NOON).points).toEqual({ points: 115 });

    // Breakfast at 08:30, coffee €6.69 + Bolletje bread €2.59 = €9.28 → 18, + 15 pairing bonus = 33.
    const bread = demoCatalogue().find((p) => p.name === 'Bolletje Volkorenbrood 800 g');
    if (!bread) throw new Error('no bread in the demo catalogue');
    expect(run(member(), WED_BREAKFAST, [line('l1', samples.coffee), line('l2', bread)]).points).toEqual({
      points: 33,
    });

    // Anonymous: nothing for a member-only program.
    expect(run(null, WED_NOON).points).toEqual({});
  });
});

/** A demo product by its catalogue name, as a basket line of `quantity` units. */
const product = (name: string) => {
  const p = demoCatalogue().find((x) => x.name === name);
  if (!p) throw new Error(`no "${name}" in the demo catalogue`);
  return p;
};
const lineOf = (lineId: string, name: string, quantity = 1) => {
  const p = product(name);
  return { ...line(lineId, p), quantity, amountCents: p.priceCents * quantity };
};
/** A seed-system demo member as the till's engine sees it: their segments and enrolment, no history. */
const seedMember = (role: keyof typeof SEED_SYSTEM_MEMBERS, extra: Partial<Member> = {}): Member => {
  const m = demoMembers(WED_NOON).find((x) => x.memberId === demoMemberId(SEED_SYSTEM_MEMBERS[role]));
  if (!m) throw new Error(`no demo member for ${role}`);
  expect(m.birthday).toBeNull();
  return member({
    id: m.memberId as string,
    segments: m.segments ?? [],
    enrolledAt: m.enrolledAt as number,
    ...extra,
  });
};
const evalEvent = (
  m: Member,
  type: 'referral' | 'referee-first-purchase' | 'event-attendance',
  at = WED_NOON,
) =>
  evaluate(
    live.map((p) => cache.get(p)),
    { id: 'e1', currency: 'EUR', lines: [] },
    m,
    {
      at,
      storeId: DEMO_STORE.storeId,
      channel: 'online',
      timeZone: DEMO_STORE.timeZone,
      transactionId: 'e1',
      event: { type },
    },
  );
const rows = (r: ReturnType<typeof run>) => r.ledger.map((e) => [e.programId, e.account, e.amount]);
const COFFEE = 'Douwe Egberts Aroma rood filterkoffie 500 g';

describe('the seed systems in the demo programs (Wednesday 25 November 2026, 12:00 in Amsterdam)', () => {
  it('Prime (Amazon Prime-like): a `prime` member pays member prices; anyone else the shelf price', () => {
    const basket = [lineOf('l1', COFFEE), lineOf('l2', 'Kassa Volle melk 1 L')];
    const prime = run(seedMember('prime'), WED_NOON, basket);
    // Coffee €6.69 at the Prime price €5.49: −120. Kassa milk €1.09, 10% = 10.9, rounded half away: −11.
    expect(prime.lines.map((l) => [l.discountCents, l.netCents])).toEqual([
      [120, 549],
      [11, 98],
    ]);
    // 549 + 98 = €6.47 to pay; 2 points per euro on what is paid: 12.94 → 12.
    expect(prime.totals).toMatchObject({ grossCents: 778, discountCents: 131, toPayCents: 647 });
    expect(prime.points).toEqual({ points: 12 });
    // Without the segment: €7.78, 15.56 → 15 points.
    const plain = run(member(), WED_NOON, basket);
    expect(plain.totals.discountCents).toBe(0);
    expect(plain.points).toEqual({ points: 15 });
  });

  it('Air Miles (coalition partner): partner points on spend and on the partner brand, for linked members', () => {
    const beer = [lineOf('l1', 'Heineken Pils 6 x 330 ml', 2)];
    const r = run(seedMember('airMiles'), WED_NOON, beer);
    // 2 × €5.99 = €11.98: 23.96 → 23 base; partner 1 per €5: 2.39 → 2; Heineken 2 × 10 = 20. 23 + 2 + 20 = 45.
    expect(r.points).toEqual({ points: 45 });
    expect(rows(r)).toEqual([
      ['demo-stars', 'points', 23],
      ['demo-air-miles', 'points', 20],
      ['demo-air-miles', 'points', 2],
    ]);
    // A member without a linked Air Miles card: the base only.
    expect(run(member(), WED_NOON, beer).points).toEqual({ points: 23 });
  });

  it('challenges and badges (Nike-like): a run club event counts toward 3 Runs; 4 drinks earn Hydrated', () => {
    const nina = seedMember('move');
    // A run: 20 points and 1 of 3 toward the badge.
    const run1 = evalEvent(nina, 'event-attendance');
    expect(rows(run1)).toEqual([
      ['demo-challenges', 'points', 20],
      ['demo-challenges', 'challenge:three-runs', 1],
    ]);
    // The third run completes the challenge: progress 1 (2 → 3) and the badge.
    const run3 = evalEvent({ ...nina, challenges: { 'three-runs': 2 } }, 'event-attendance');
    expect(rows(run3)).toEqual([
      ['demo-challenges', 'points', 20],
      ['demo-challenges', 'challenge:three-runs', 1],
      ['demo-challenges', 'badges:three-runs', 1],
    ]);
    // One run a day: a second one the same day gives nothing.
    const counters = { 'demo-challenges/run-club': { lifetime: 1, byDay: { '2026-11-25': 1 } } };
    expect(evalEvent({ ...nina, counters }, 'event-attendance').ledger).toEqual([]);
    // 4 × Spa water €0.99 = €3.96: 7.92 → 7 points; 4 items complete the 4-drink challenge.
    const water = run(nina, WED_NOON, [lineOf('l1', 'Spa Mineraalwater koolzuurvrij 1,5 L', 4)]);
    expect(rows(water)).toEqual([
      ['demo-stars', 'points', 7],
      ['demo-challenges', 'challenge:hydrate', 4],
      ['demo-challenges', 'badges:hydrate', 1],
    ]);
    // Only for members who joined (`move`).
    expect(evalEvent(member(), 'event-attendance').ledger).toEqual([]);
  });

  it('refer a friend (Dropbox/Xero-like): 250 for the friend’s first purchase, 250 for the referrer', () => {
    const yara = seedMember('referee', { purchaseCount: 0 });
    // At the till her first purchase earns the base: coffee €6.69 + milk €1.29 = €7.98 → 15.
    expect(run(yara, WED_NOON).points).toEqual({ points: 15 });
    // Both sides are the events the server posts once that purchase is folded (domain/referrals).
    expect(evalEvent(yara, 'referee-first-purchase').points).toEqual({ points: 250 });
    expect(evalEvent(seedMember('referrer'), 'referral').points).toEqual({ points: 250 });
    // The welcome is once in a lifetime.
    const welcomed = { ...yara, counters: { 'demo-referral/referee-welcome': { lifetime: 1 } } };
    expect(evalEvent(welcomed, 'referee-first-purchase').points).toEqual({});
  });

  it('card member offer (Delta/AmEx-like): €5 off €25 for the `amex` segment, once', () => {
    const basket = [lineOf('l1', 'Heineken Pils krat 24 x 300 ml', 2), lineOf('l2', COFFEE)];
    const lars = seedMember('amex');
    const r = run(lars, WED_NOON, basket);
    // 2 × €10.19 + €6.69 = €27.07 ≥ €25: −€5.00 spread by amount (2038/2707 × 500 = 376.4 → 376, the rest 124).
    expect(r.lines.map((l) => l.discountCents)).toEqual([376, 124]);
    // €22.07 to pay: 44.14 → 44 points.
    expect(r.totals).toMatchObject({ discountCents: 500, toPayCents: 2207 });
    expect(r.points).toEqual({ points: 44 });
    // Used once already: the shelf price (€27.07, 54 points).
    const used = { 'demo-amex-offer/spend-25-save-5': { lifetime: 1 } };
    const again = run({ ...lars, counters: used }, WED_NOON, basket);
    expect(again.totals.discountCents).toBe(0);
    expect(again.points).toEqual({ points: 54 });
    // Not a card member: nothing off.
    expect(run(member(), WED_NOON, basket).totals.discountCents).toBe(0);
  });

  it('Sweat Collective (Lululemon-like): 20% off personal care for verified trainers only', () => {
    const basket = [lineOf('l1', 'Nivea Douchegel 250 ml'), lineOf('l2', 'Andrélon Shampoo 300 ml')];
    const eva = run(seedMember('verifiedTrainer'), WED_NOON, basket);
    // €3.19 + €4.29 = €7.48; 20% = €1.496 → −€1.50 (63.8 → 64, 85.8 → 86); €5.98 to pay: 11.96 → 11.
    expect(eva.lines.map((l) => l.discountCents)).toEqual([64, 86]);
    expect(eva.totals).toMatchObject({ discountCents: 150, toPayCents: 598 });
    expect(eva.points).toEqual({ points: 11 });
    // A trainer who applied but is not verified yet: the shelf price, 14.96 → 14 points.
    const applied = run(member({ segments: ['trainer-applied'] }), WED_NOON, basket);
    expect(applied.totals.discountCents).toBe(0);
    expect(applied.points).toEqual({ points: 14 });
  });

  it('anniversary (Xoxoday-like milestone): 200 points in the week of the second anniversary, once', () => {
    const roos = seedMember('anniversary');
    // Enrolled 25 November 2024: 730 days today. 15 base + 200 = 215.
    expect(run(roos, WED_NOON).points).toEqual({ points: 215 });
    // A week later (day 737) still; day 738 not.
    expect(run(roos, WED_NOON + 7 * 86_400_000).points).toEqual({ points: 215 });
    expect(run(roos, WED_NOON + 8 * 86_400_000).points).toEqual({ points: 15 });
    // Once: the milestone's lifetime counter is taken.
    const used = { 'demo-anniversary/year-2': { lifetime: 1 } };
    expect(run({ ...roos, counters: used }, WED_NOON).points).toEqual({ points: 15 });
    // A first anniversary: 365 days after 25 November 2025.
    expect(run(member({ enrolledAt: Date.UTC(2025, 10, 25, 12) }), WED_NOON).points).toEqual({ points: 115 });
  });

  it('one for one (TOMS-like): a bag of pet food donated for every 2 bought, with or without a card', () => {
    const food = [lineOf('l1', 'Whiskas Kattenvoer brokjes 950 g', 3)];
    // 3 bags: one donated (3 / 2 → 1); 3 × €4.99 = €14.97: 29.94 → 29 points.
    expect(rows(run(member(), WED_NOON, food))).toEqual([
      ['demo-stars', 'points', 29],
      ['demo-round-up', 'donation:Dierenvoedselbank', 1],
    ]);
    expect(rows(run(null, WED_NOON, food))).toEqual([['demo-round-up', 'donation:Dierenvoedselbank', 1]]);
    // One bag gives nothing to donate yet.
    expect(rows(run(null, WED_NOON, [lineOf('l1', 'Whiskas Kattenvoer brokjes 950 g')]))).toEqual([]);
  });
});
