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
import { DEMO_CARD, demoCardNumber, demoMembers } from '../../../sync-server/src/demo/demo-members';
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
    programs.map((p) => cache.get(p)),
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
    expect(programs).toHaveLength(7);
    for (const p of programs) expect(p.scope?.stores).toEqual([DEMO_STORE.storeId]);
  });

  it('gives members cards of the demo formats with valid check digits, unique, and fixed ULIDs', () => {
    const members = demoMembers(WED_NOON);
    expect(members).toHaveLength(20);
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
    expect(demoMembers(Date.UTC(2026, 5, 30)).slice(1)).toEqual(demoMembers(WED_NOON).slice(1));
  });

  // Douwe Egberts filter coffee €6.69 (Koffie & Thee) + Campina milk €1.29 = €7.98.
  it('earns as the seed systems say: 2 per euro, tier multiplier, segment offer, weekend 2×, birthday, breakfast', () => {
    expect(samples.coffee).toMatchObject({ category: 'Koffie & Thee', priceCents: 669 });
    expect(samples.milk.priceCents).toBe(129);

    // A plain member on a Wednesday: 2 × 7.98 = 15.96, rounded down: 15.
    expect(run(member(), WED_NOON).points).toEqual({ points: 15 });

    // Gold, coffee segment: 15 + 1.5× (+7.5, multipliers round down: +7) + 25 coffee-lover points = 47.
    const gold = run(member({ tier: 'Gold', segments: ['coffee'] }), WED_NOON);
    expect(gold.points).toEqual({ points: 47 });
    expect(gold.trace.map((t) => t.text)).toEqual(
      expect.arrayContaining(['+25 points — Coffee lovers: 25 bonus points on coffee and tea']),
    );

    // Saturday: multipliers add, each on the base, never compound: 15 + 7 (Gold) + 15 (2×) + 25 = 62.
    const weekend = run(member({ tier: 'Gold', segments: ['coffee'] }), SAT_NOON);
    expect(weekend.points).toEqual({ points: 62 });
    expect(weekend.trace.map((t) => t.text)).toContain('2× points (+15) — Weekend double points');

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
