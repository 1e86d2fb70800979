import { describe, expect, it } from 'vitest';
import { formatMoney, type Cents } from '../../../../core/money';
import { MESSAGE_CODES, type LoyaltyMessage, type MessageCode } from '../../../../core/rules';
import { i18n, TILL_LANGUAGES, type TillLanguage } from '../../../../renderer/src/i18n';
import { loyaltyText, loyaltyUnit } from '../../../../renderer/src/i18n/loyalty-text';
import { basket, line, member, run } from '../../core/rules/support/builders';

const LOCALE: Record<TillLanguage, string> = { en: 'en-IE', nl: 'nl-NL', ro: 'ro-RO' };

/** Intl puts no-break spaces in "€ 4,50" and "1.200"; a cashier reads plain spaces. */
const plain = (s: string) => s.replace(/\u00a0|\u202f/g, ' ');

/** A message's sentence in a language, as the till shows it (fallback text "ENGLISH"). */
function say(language: TillLanguage, message: LoyaltyMessage, text = 'ENGLISH'): string {
  return plain(loyaltyText(i18n.getFixedT(language), { text, message }, LOCALE[language]));
}
const m = <C extends MessageCode>(code: C, params: Extract<LoyaltyMessage, { code: C }>['params']) =>
  ({ code, params }) as LoyaltyMessage;
const eur = (cents: number) => ({ cents, currency: 'EUR' });

/** Every parameter any code takes, so each sentence can be filled in without knowing its code. */
const anyParams = {
  points: 45,
  unit: 'points',
  rule: 'Regel',
  items: 2,
  each: 5,
  factor: 2,
  tier: 'Gold',
  line: m('points', { points: 50, unit: 'points', rule: 'Regel' }),
  amount: eur(450),
  percent: 10,
  price: eur(250),
  every: 3,
  buy: 2,
  get: 1,
  name: 'Naam',
  until: '2026-12-25',
  stamps: 2,
  onCard: 1,
  required: 10,
  reward: 'Beloning',
  times: 2,
  badge: 'Badge',
  progress: 2,
  target: 5,
  cause: 'Voedselbank',
  winner: 'Winnaar',
  by: 'Ander',
  cap: 100,
  program: 'Programma',
  off: eur(500),
};

describe('every message code has a sentence in every language', () => {
  it.each(TILL_LANGUAGES)(
    '%s: no code falls back to the English text, no placeholder is left',
    (language) => {
      for (const code of MESSAGE_CODES) {
        const text = say(language, { code, params: anyParams } as unknown as LoyaltyMessage);
        expect(text, `${language} ${code}`).not.toBe('ENGLISH');
        expect(text, `${language} ${code}`).not.toMatch(/{{|}}/);
      }
    },
  );
});

describe('the engine’s lines in the till’s language', () => {
  const weekend = [
    {
      id: 'base',
      name: 'Punten per euro',
      then: [{ type: 'points-per-amount', points: 1, perCents: 100, rounding: 'down' }],
    },
    { id: 'x2', name: 'Dubbele punten', then: [{ type: 'points-multiplier', factor: 2 }] },
    {
      id: 'big',
      name: 'Grote boodschappen',
      when: { type: 'basket-total', minCents: 2500 },
      then: [{ type: 'points-fixed', points: 100 }],
    },
  ];
  const r = run(weekend, basket([line('a', 'kaas', 2050)]));
  const lines = r.trace.map((t) => t.message);
  const hint = r.nearMisses[0]!.message;

  it('Dutch: points, the multiplier and the hint, money as the store writes it', () => {
    expect(lines.map((l) => say('nl', l))).toEqual([
      '+20 punten — Punten per euro',
      '2× punten (+20) — Dubbele punten',
    ]);
    expect(say('nl', hint)).toBe('Besteed nog € 4,50 voor 100 extra punten — Grote boodschappen');
    // The store's money format is core/money's, the one the receipt and the basket use.
    for (const language of TILL_LANGUAGES) {
      expect(say(language, hint)).toContain(plain(formatMoney(450 as Cents, 'EUR', LOCALE[language])));
    }
  });

  it('Romanian: "de" from 20 up, money as the store writes it', () => {
    expect(lines.map((l) => say('ro', l))).toEqual([
      '+20 de puncte — Punten per euro',
      '2× puncte (+20) — Dubbele punten',
    ]);
    expect(say('ro', hint)).toMatch(
      /^Mai cheltuiți 4,50 (€|EUR) și primiți 100 de puncte bonus — Grote boodschappen$/,
    );
  });

  it('English: the engine’s own sentence', () => {
    for (const t of [...r.trace, ...r.nearMisses]) expect(say('en', t.message)).toBe(plain(t.text));
  });

  it('days and a capped bonus, nested', () => {
    const coupon = run(
      [
        {
          id: 'c',
          name: 'Terugkomkorting',
          then: [{ type: 'issue-coupon', coupon: 'c5', name: '€ 5 korting', validDays: 30 }],
        },
      ],
      basket([line('a', 'kaas', 1000)]),
    ).trace[0]!.message;
    expect(say('nl', coupon)).toBe(
      'Coupon voor het volgende bezoek: € 5 korting (geldig t/m 25 dec 2026) — Terugkomkorting',
    );
    const capped = m('points-capped', {
      points: 20,
      line: m('points-multiplier', { factor: 1.5, points: 1200, unit: 'points', rule: 'Weekend' }),
    });
    expect(say('nl', capped)).toBe('1,5× punten (+1.200) — Weekend (begrensd tot +20)');
    expect(say('ro', capped)).toBe('1,5× puncte (+1.200) — Weekend (plafonat la +20)');
  });
});

describe('plural forms per language', () => {
  const stamps = (n: number) =>
    m('stamps-added', { stamps: n, onCard: 3, required: 10, rule: 'Koffiekaart' });
  const items = (n: number) => m('items-for-rule', { items: n, rule: '3 halen, 2 betalen' });
  const limit = (n: number) => m('limit-per-day', { times: n, rule: 'Ontbijt' });

  it('Dutch: one and other', () => {
    expect(say('nl', stamps(1))).toBe('+1 stempel (3 van 10) — Koffiekaart');
    expect(say('nl', stamps(3))).toBe('+3 stempels (3 van 10) — Koffiekaart');
    expect(say('nl', items(1))).toBe('Nog 1 artikel erbij voor 3 halen, 2 betalen');
    expect(say('nl', items(2))).toBe('Nog 2 artikelen erbij voor 3 halen, 2 betalen');
    expect(say('nl', limit(1))).toBe('Niet toegepast: Ontbijt — vandaag al 1 keer gebruikt');
    const t = i18n.getFixedT('nl');
    expect([1, 2, 0].map((n) => loyaltyUnit(t, 'points', n, 'nl-NL'))).toEqual(['punt', 'punten', 'punten']);
    expect([1, 5].map((n) => loyaltyUnit(t, 'stars', n, 'nl-NL'))).toEqual(['ster', 'sterren']);
  });

  it('Romanian: one, few (0, 2–19, 101…) and other with "de"', () => {
    expect(say('ro', stamps(1))).toBe('+1 ștampilă (3 din 10) — Koffiekaart');
    expect(say('ro', stamps(3))).toBe('+3 ștampile (3 din 10) — Koffiekaart');
    expect(say('ro', stamps(20))).toBe('+20 de ștampile (3 din 10) — Koffiekaart');
    expect(say('ro', items(2))).toBe('Mai adăugați 2 produse pentru 3 halen, 2 betalen');
    expect(say('ro', limit(1))).toBe('Nu s-a aplicat: Ontbijt — limita de 1 utilizare pe zi a fost atinsă');
    expect(say('ro', limit(25))).toBe(
      'Nu s-a aplicat: Ontbijt — limita de 25 de utilizări pe zi a fost atinsă',
    );
    const t = i18n.getFixedT('ro');
    expect([1, 2, 19, 20, 0, 101, 1200].map((n) => loyaltyUnit(t, 'points', n, 'ro-RO'))).toEqual([
      'punct',
      'puncte',
      'puncte',
      'de puncte',
      'puncte',
      'puncte',
      'de puncte',
    ]);
  });

  it('English: one and other (the engine’s text says "points" for one too)', () => {
    expect(say('en', stamps(1))).toBe('+1 stamp (3 of 10) — Koffiekaart');
    expect(say('en', m('points', { points: 1, unit: 'points', rule: 'Base' }))).toBe('+1 point — Base');
  });

  it('a points currency the till does not list is shown as HQ wrote it', () => {
    const bonus = m('points', { points: 20, unit: 'air-miles', rule: 'Partner' });
    expect(say('nl', bonus)).toBe('+20 air-miles — Partner');
    expect(say('ro', bonus)).toBe('+20 air-miles — Partner');
  });
});

describe('falling back, never blank', () => {
  it('a code this till does not know shows the English text', () => {
    const newer = { code: 'points-streak', params: { points: 5, days: 7 } } as unknown as LoyaltyMessage;
    expect(say('nl', newer, '+5 points — 7-day streak')).toBe('+5 points — 7-day streak');
  });

  it('a known code around an unknown one shows the English text of the whole line', () => {
    const capped = { code: 'points-capped', params: { points: 3, line: { code: 'future', params: {} } } };
    expect(say('nl', capped as unknown as LoyaltyMessage, '+9 points (capped to +3)')).toBe(
      '+9 points (capped to +3)',
    );
  });

  it('a line without a message shows its text', () => {
    expect(loyaltyText(i18n.getFixedT('nl'), { text: 'Old line' }, 'nl-NL')).toBe('Old line');
  });

  it('names are HQ’s, as written: nothing in them is read as a placeholder', () => {
    const named = m('reward-unlocked', { name: 'Koffie & {{thee}}', rule: '$t(members.title) — Test' });
    expect(say('nl', named)).toBe('Beloning verdiend: Koffie & {{thee}} — $t(members.title) — Test');
  });
});

it('the Romanian member gets a count in its plural form after 20 with a tier multiplier', () => {
  const r = run(
    [
      {
        id: 'base',
        name: 'Bază',
        then: [{ type: 'points-per-amount', points: 1, perCents: 100, rounding: 'down' }],
      },
      { id: 'tier', name: 'Nivel', then: [{ type: 'tier-multiplier', factors: { Gold: 1.5 } }] },
    ],
    basket([line('a', 'x', 4000)]),
    member({ tier: 'Gold' }),
  );
  expect(r.trace.map((t) => say('ro', t.message))).toEqual([
    '+40 de puncte — Bază',
    'Gold 1,5× puncte (+20) — Nivel',
  ]);
});
