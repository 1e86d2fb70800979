import { describe, expect, it } from 'vitest';
import { DEMO_REGION, DEMO_STORES } from '../../../sync-server/src/demo/demo-stores';
import { storeInputsSchema, storeInputSchema } from '../../../sync-server/src/domain/stores';
import { memberChangeConcerns } from '../../../sync-server/src/feed/collections';
import type { RegionOf } from '../../../sync-server/src/feed/store-regions';

const settings = {
  storeId: 'ams-01',
  name: 'Winkel Amsterdam',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};
const messages = (input: unknown) => {
  const r = storeInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('a store region', () => {
  it('is a lowercase id in hyphenated words, or null, or absent', () => {
    for (const region of ['nl-randstad', 'ro-south', 'eu', 'zone-7', 'a'.repeat(64), null, undefined]) {
      expect(messages({ ...settings, region })).toEqual([]);
    }
  });

  it.each([
    ['NL-Randstad'],
    ['nl randstad'],
    ['nl--randstad'],
    ['-nl'],
    ['nl-'],
    [''],
    ['nl_randstad'],
    ['ölands'],
  ])('refuses %j, saying what a region looks like', (region) => {
    expect(messages({ ...settings, region })).toEqual([
      'region: a region is lowercase letters and digits in words joined by single hyphens, such as nl-randstad',
    ]);
  });

  it('is at most 64 characters', () => {
    expect(messages({ ...settings, region: 'a'.repeat(65) })).toEqual([
      'region: a region is at most 64 characters',
    ]);
    expect(messages({ ...settings, region: 42 })).toHaveLength(1);
  });

  it('comes in a store or a list of at most 10,000 stores', () => {
    expect(storeInputsSchema.parse({ ...settings, region: 'nl-randstad' })).toHaveLength(1);
    expect(storeInputsSchema.safeParse([]).success).toBe(false);
    const many = Array.from({ length: 10_001 }, (_, i) => ({ ...settings, storeId: `s${i}` }));
    expect(storeInputsSchema.safeParse(many).success).toBe(false);
  });
});

describe('which tills a member change wakes', () => {
  const regions: Record<string, string | null> = {
    A: 'nl-randstad',
    B: 'nl-randstad',
    C: 'nl-brabant',
    D: null,
    E: null,
  };
  const regionOf: RegionOf = (id) => regions[id];
  const wakes = (changedStore: string, tillStore: string) =>
    memberChangeConcerns(
      { collection: 'members', storeId: changedStore },
      { terminalId: 'T1', storeId: tillStore },
      regionOf,
    );

  it("the store's own tills and its region's, not another region's or a store without one", () => {
    expect(wakes('A', 'A')).toBe(true);
    expect(wakes('A', 'B')).toBe(true);
    expect(wakes('A', 'C')).toBe(false);
    expect(wakes('A', 'D')).toBe(false);
    expect(wakes('D', 'D')).toBe(true);
    // Two stores without a region are not a region.
    expect(wakes('D', 'E')).toBe(false);
  });

  it('a store the map does not know yet: wake, the pull decides', () => {
    expect(wakes('new-store', 'A')).toBe(true);
    expect(wakes('A', 'new-store')).toBe(true);
  });
});

describe('the demo stores', () => {
  it('are the demo store and a neighbour in its region, and one in another region', () => {
    expect(DEMO_STORES.map((s) => [s.storeId, s.region])).toEqual([
      ['store-demo-ams', DEMO_REGION],
      ['store-demo-utr', DEMO_REGION],
      ['store-demo-ehv', 'nl-brabant'],
    ]);
    for (const s of DEMO_STORES) expect(storeInputSchema.parse(s)).toEqual(s);
  });
});
