import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../../renderer/src/i18n/catalogue';
import { catalogues, i18n, languageFor, TILL_LANGUAGES } from '../../../../renderer/src/i18n';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every leaf key of a catalogue, dotted: "sync.waiting_one". */
function leafKeys(c: Catalogue, prefix = ''): string[] {
  return Object.entries(c).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : leafKeys(v, `${prefix}${k}.`),
  );
}

function leaf(c: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = c;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** The keys a reader of `reference` asks for ("sync.waiting" for its plural forms) that `c` lacks. */
function missingKeys(c: Catalogue, reference: Catalogue): string[] {
  const have = new Set(leafKeys(c).map((k) => k.replace(PLURAL, '')));
  return [...new Set(leafKeys(reference).map((k) => k.replace(PLURAL, '')))].filter((k) => !have.has(k));
}

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe('the till’s catalogues', () => {
  it.each(TILL_LANGUAGES)('%s has every key of every other language', (language) => {
    for (const other of TILL_LANGUAGES) {
      expect(
        missingKeys(catalogues[language], catalogues[other]),
        `${language} lacks keys of ${other}`,
      ).toEqual([]);
    }
  });

  it('reports a missing key (the check above can fail)', () => {
    const { tender, ...rest } = catalogues.nl;
    const { cash: _cash, ...tenderWithoutCash } = tender as Catalogue;
    expect(missingKeys({ ...rest, tender: tenderWithoutCash }, catalogues.en)).toEqual(['tender.cash']);
  });

  it.each(TILL_LANGUAGES)(
    '%s has exactly the plural forms its language uses, and no empty text',
    (language) => {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const keys = leafKeys(catalogues[language]);
      const plurals = new Set(keys.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
      expect(plurals.size).toBeGreaterThan(0);
      for (const base of plurals) {
        const forms = keys.filter((k) => k.replace(PLURAL, '') === base && PLURAL.test(k));
        expect(forms.map((k) => k.match(PLURAL)?.[1]).sort(), base).toEqual([...categories].sort());
      }
      for (const key of keys) expect(leaf(catalogues[language], key)?.trim(), key).not.toBe('');
    },
  );

  it('uses the same placeholders in every language', () => {
    for (const key of leafKeys(catalogues.en)) {
      const base = key.replace(PLURAL, '');
      const expected = placeholders(leaf(catalogues.en, key) ?? '');
      for (const language of ['nl', 'ro'] as const) {
        const forms = leafKeys(catalogues[language]).filter((k) => k.replace(PLURAL, '') === base);
        for (const form of forms) {
          expect(placeholders(leaf(catalogues[language], form) ?? ''), `${language} ${form}`).toEqual(
            expected,
          );
        }
      }
    }
  });
});

describe('plurals through i18next', () => {
  it('Romanian: one, few (2–19, 0, 101…) and "de" for 20 and up', () => {
    const ro = i18n.getFixedT('ro');
    expect(ro('sync.waiting', { count: 1 })).toBe('1 vânzare în așteptare');
    expect(ro('sync.waiting', { count: 2 })).toBe('2 vânzări în așteptare');
    expect(ro('sync.waiting', { count: 19 })).toBe('19 vânzări în așteptare');
    expect(ro('sync.waiting', { count: 20 })).toBe('20 de vânzări în așteptare');
    expect(ro('sync.waiting', { count: 0 })).toBe('0 vânzări în așteptare');
    expect(ro('sync.waiting', { count: 101 })).toBe('101 vânzări în așteptare');
    expect(ro('devices.status.ready', { count: 25 })).toBe('25 de scanere pregătite');
  });

  it('Dutch and English: one and other', () => {
    expect(i18n.getFixedT('nl')('sync.waiting', { count: 1 })).toBe('1 verkoop in de wachtrij');
    expect(i18n.getFixedT('nl')('sync.waiting', { count: 0 })).toBe('0 verkopen in de wachtrij');
    expect(i18n.getFixedT('en')('sync.waiting', { count: 1 })).toBe('1 sale waiting');
    expect(i18n.getFixedT('en')('sync.waiting', { count: 3 })).toBe('3 sales waiting');
  });
});

describe('the till’s language from the store’s locale', () => {
  it('is Dutch for nl-NL, Romanian for ro-RO, English for anything else', () => {
    expect(languageFor('nl-NL')).toBe('nl');
    expect(languageFor('nl-BE')).toBe('nl');
    expect(languageFor('ro-RO')).toBe('ro');
    expect(languageFor('en-GB')).toBe('en');
    expect(languageFor('de-DE')).toBe('en');
    expect(languageFor('')).toBe('en');
    expect(languageFor(undefined)).toBe('en');
  });
});
