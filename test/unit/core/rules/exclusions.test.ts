import { describe, expect, it } from 'vitest';
import { parseProgram } from '../../../../core/rules/index';
import { basket, line, member, run } from './support/builders';
import { passes } from './support/check';
import { evalExamples, texts } from './support/examples';

// Default basket of `passes`: 2 × latte €3.50 (coffee, house) + 1 muffin €2.95 (misc, house).

const issues = (on: unknown) => {
  const r = parseProgram({
    id: 'p',
    version: 1,
    name: 'P',
    kind: 'points',
    status: 'active',
    rules: [
      {
        id: 'a',
        name: 'A',
        when: { type: 'lines', match: on },
        then: [{ type: 'points-per-amount', points: 1, perCents: 100, rounding: 'down', on }],
      },
    ],
  });
  return r.ok ? [] : r.message.split('\n');
};

describe('"everything except" line filters', () => {
  it('an exclude field stands on its own: every line but those', () => {
    // not coffee → the muffin only (€2.95, 1 item)
    expect(passes({ type: 'lines', match: { excludeCategories: ['coffee'] }, minAmountCents: 295 })).toBe(
      true,
    );
    expect(passes({ type: 'lines', match: { excludeCategories: ['coffee'] }, minAmountCents: 296 })).toBe(
      false,
    );
    // not the muffin → the 2 lattes
    expect(passes({ type: 'lines', match: { excludeSkus: ['muffin'] }, minQuantity: 2 })).toBe(true);
    expect(passes({ type: 'lines', match: { excludeSkus: ['muffin'] }, minQuantity: 3 })).toBe(false);
    // every line is house brand → nothing left
    expect(passes({ type: 'lines', match: { excludeBrands: ['house'] } })).toBe(false);
    expect(passes({ type: 'lines', match: { excludeBrands: ['other'] }, minQuantity: 3 })).toBe(true);
    const tagged = basket([
      line('1', 'cola', 150, { tags: ['sugar'], quantity: 2 }),
      line('2', 'water', 100, { tags: ['cold'] }),
    ]);
    expect(
      passes({ type: 'lines', match: { excludeTags: ['sugar'] }, minAmountCents: 100 }, { basket: tagged }),
    ).toBe(true);
    expect(
      passes({ type: 'lines', match: { excludeTags: ['sugar'] }, minAmountCents: 101 }, { basket: tagged }),
    ).toBe(false);
  });

  it('includes and excludes combine: coffee, but not the latte', () => {
    expect(passes({ type: 'lines', match: { categories: ['coffee'], excludeSkus: ['latte'] } })).toBe(false);
    expect(
      passes({ type: 'lines', match: { brands: ['house'], excludeSkus: ['latte'] }, minQuantity: 1 }),
    ).toBe(true);
  });

  it('excluded lines count neither for the earn base nor for the threshold with that filter', () => {
    const on = { excludeCategories: ['tobacco'], excludeTags: ['gift-card'] };
    const rules = [
      {
        id: 'base',
        name: 'Base',
        then: [{ type: 'points-per-amount', points: 1, perCents: 100, rounding: 'down', on }],
      },
      {
        id: 'big',
        name: 'Big shop',
        when: { type: 'lines', match: on, minAmountCents: 2000 },
        then: [{ type: 'points-fixed', points: 50 }],
      },
    ];
    // groceries €12.40 + cigarettes €9.80 + gift card €25.00 = €47.20, of which €12.40 counts
    const b = basket([
      line('g', 'bread', 1240, { category: 'grocery' }),
      line('t', 'cigarettes', 980, { category: 'tobacco' }),
      line('c', 'gift-25', 2500, { category: 'gift-cards', tags: ['gift-card'] }),
    ]);
    const r = run(rules, b);
    expect(r.totals.grossCents).toBe(4720);
    expect(r.points).toEqual({ points: 12 }); // floor(12.40)
    expect(texts(r)).toEqual(['+12 points — Base']);
    // 2000 − 1240 = 760 to go, measured on the same filtered lines
    expect(r.nearMisses.map((n) => n.text)).toEqual(['Spend €7.60 more for 50 bonus points — Big shop']);
  });

  it('an empty filter and a value both included and excluded are refused, with the path', () => {
    expect(issues({})).toEqual([
      'rules[0].when.match: must name at least one of skus, categories, brands, tags or excludeSkus, excludeCategories, excludeBrands, excludeTags',
      'rules[0].then[0].on: must name at least one of skus, categories, brands, tags or excludeSkus, excludeCategories, excludeBrands, excludeTags',
    ]);
    expect(issues({ categories: ['tobacco', 'food'], excludeCategories: ['wine', 'tobacco'] })).toEqual([
      'rules[0].when.match.excludeCategories[1]: "tobacco" is also in categories: a line cannot be both included and excluded',
      'rules[0].then[0].on.excludeCategories[1]: "tobacco" is also in categories: a line cannot be both included and excluded',
    ]);
    expect(issues({ excludeSkus: [] })).toEqual([
      'rules[0].when.match.excludeSkus: must list at least one value',
      'rules[0].then[0].on.excludeSkus: must list at least one value',
    ]);
    expect(issues({ excludeBrands: ['acme'], exclude: ['x'] })).toEqual([
      'rules[0].when.match: unknown field "exclude"',
      'rules[0].then[0].on: unknown field "exclude"',
    ]);
  });
});

describe('example: earn-except-tobacco.json', () => {
  const b = (extra: ReturnType<typeof line>[] = []) =>
    basket([
      line('g', 'bread', 1240, { category: 'grocery' }),
      line('t', 'cigarettes', 980, { category: 'tobacco' }),
      line('c', 'gift-25', 2500, { category: 'gift-cards', tags: ['gift-card'] }),
      ...extra,
    ]);

  it('earns on groceries only and hints the €20 bonus on what counts', () => {
    const r = evalExamples(['earn-except-tobacco'], b(), member());
    expect(r.points).toEqual({ points: 12 });
    expect(r.nearMisses.map((n) => n.text)).toEqual([
      'Spend €7.60 more for 50 bonus points — Spend €20 on your shopping',
    ]);
  });

  it('€12.40 + €8.00 wine = €20.40 counted: 20 points + 50 bonus', () => {
    const r = evalExamples(
      ['earn-except-tobacco'],
      b([line('w', 'wine', 800, { category: 'wine' })]),
      member(),
    );
    expect(r.points).toEqual({ points: 70 });
    expect(texts(r)).toEqual(['+20 points — 1 point per euro', '+50 points — Spend €20 on your shopping']);
  });
});
