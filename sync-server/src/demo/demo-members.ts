import { checkDigitFor } from '../../../core/scan/check-digit';
import { DEMO_SCAN_CONFIG } from '../../../core/scan/scan-config';
import { businessDayOf } from '../../../core/store/store-settings';
import type { MemberImport } from '../domain/members';
import { DEMO_STORE } from './demo-catalogue';

function cardFormat(id: string) {
  const f = DEMO_SCAN_CONFIG.loyaltyCards.find((c) => c.id === id);
  if (!f) throw new Error(`the demo scan config lost the card format "${id}"`);
  return f;
}

/** A card number of a demo format: its prefix, the serial zero-padded, and the format's check digit. */
export function demoCardNumber(formatId: 'kassa-fob' | 'kassa-plastic', serial: number): string {
  const f = cardFormat(formatId);
  const data = `${f.prefix}${String(serial).padStart(f.length - f.prefix.length - 1, '0')}`;
  const check = checkDigitFor(f.checkDigit, data);
  if (check === undefined) throw new Error(`no check digit for ${data}`);
  return `${data}${check}`;
}

/** Fixed ULIDs, so a second seed finds the same members. */
export const demoMemberId = (n: number): string => `01K0DEM0${String(n).padStart(18, '0')}`;

const PEOPLE: readonly [name: string, tier: string | null, segments: string[], birthday: string][] = [
  ['Johanna de Vries', 'Gold', ['coffee'], '1988-MM-15'],
  ['Pieter van den Berg', 'Silver', ['coffee'], '1975-02-03'],
  ['Sanne Jansen', null, ['students'], '2003-09-21'],
  ['Daan Bakker', 'Silver', [], '1991-06-30'],
  ['Emma Visser', null, ['coffee', 'students'], '2002-11-08'],
  ['Lucas Smit', 'Gold', [], '1968-04-17'],
  ['Sophie Meijer', null, [], '1995-12-24'],
  ['Bram de Boer', null, ['coffee'], '1983-07-12'],
  ['Julia Mulder', 'Silver', ['students'], '2001-01-29'],
  ['Thomas de Groot', null, [], '1979-10-05'],
  ['Lotte Bos', null, ['coffee'], '1999-03-14'],
  ['Sem Vos', null, [], '1986-08-19'],
  ['Fleur Peters', 'Gold', ['coffee'], '1972-05-02'],
  ['Noah Hendriks', null, ['students'], '2004-02-11'],
  ['Anouk van Leeuwen', null, [], '1993-09-09'],
  ['Milan Dekker', 'Silver', [], '1981-12-01'],
  ['Isa Brouwer', null, ['coffee'], '1997-06-06'],
  ['Ruben de Wit', null, [], '1964-11-27'],
  ['Maud Dijkstra', null, ['students'], '2000-04-04'],
  ['Mohammed El Amrani', 'Silver', ['coffee'], '1989-01-18'],
];

/**
 * Members 21–28, one per seed system that needs a segment, an enrolment date or a referral (see
 * sync-server/programs/demo/README.md). No birthday and no tier, so no other program's time window
 * reaches them: what they earn is their program's and the base earn only. `anniversary` members
 * enrolled two years before the seed's store-local day, so the anniversary shows in the demo.
 */
export const SEED_SYSTEM_MEMBERS = {
  move: 21,
  prime: 22,
  airMiles: 23,
  referrer: 24,
  referee: 25,
  amex: 26,
  verifiedTrainer: 27,
  anniversary: 28,
} as const;

const SEED_SYSTEM_PEOPLE: readonly [name: string, segments: string[], enrolled: string | 'two-years-ago'][] =
  [
    ['Nina Willems', ['move'], '2025-03-03'],
    ['Kees Prins', ['prime'], '2025-03-17'],
    ['Femke Kuipers', ['air-miles'], '2025-04-07'],
    ['Jesse Vermeulen', [], '2025-04-28'],
    // Referred by Jesse (member 24): a new member whose first purchase is still to come.
    ['Yara Koster', ['referred'], '2026-11-02'],
    ['Lars Jacobs', ['amex'], '2025-05-12'],
    ['Eva van Dijk', ['verified-trainer'], '2025-06-02'],
    ['Roos Hoekstra', [], 'two-years-ago'],
  ];

/** Noon UTC (13:00 or 14:00 in Amsterdam) of a store-local date: that date in the store, always. */
const noonUtc = (date: string): number => Date.parse(`${date}T12:00:00Z`);

/** The same store-local day two years before `today` (29 February becomes the 28th). */
function twoYearsBefore(today: string): string {
  const [y, m, d] = today.split('-') as [string, string, string];
  const day = m === '02' && d === '29' ? '28' : d;
  return `${Number(y) - 2}-${m}-${day}`;
}

const contact = (fullName: string, n: number) => {
  const [first] = fullName.split(' ');
  return {
    memberId: demoMemberId(n),
    homeStoreId: DEMO_STORE.storeId,
    fullName,
    email: `${(first as string).toLowerCase()}.${n}@example.nl`,
    phone: `06 1234 56${String(n).padStart(2, '0')}`,
    optedIn: n !== 18,
    cards: [
      demoCardNumber('kassa-fob', n),
      ...(n % 3 === 1 ? [demoCardNumber('kassa-plastic', 1_000 + n)] : []),
    ],
  };
};

/**
 * Twenty-eight members of the demo store, deterministic but for two things: the first member's
 * birthday falls in the month of `now` (store time), so the birthday bonus shows in the demo, and
 * the anniversary member's enrolment is two years before `now`'s day. Every member has a key fob
 * (2620…, GS1 check digit); every third one also a plastic card (7083…, Luhn). Member 18 has not
 * opted in to marketing.
 */
export function demoMembers(now: number): MemberImport[] {
  const today = businessDayOf(now, DEMO_STORE.timeZone);
  const month = today.slice(5, 7);
  const people = PEOPLE.map(([fullName, tier, segments, birthday], i) => ({
    ...contact(fullName, i + 1),
    tier,
    segments,
    birthday: birthday.replace('MM', month),
    enrolledAt: Date.UTC(2024, i % 12, 1 + i),
  }));
  const seedSystems = SEED_SYSTEM_PEOPLE.map(([fullName, segments, enrolled], i) => ({
    ...contact(fullName, PEOPLE.length + i + 1),
    tier: null,
    segments,
    birthday: null,
    // Never before 1970 (a test seeding at epoch 0): enrolment is a moment ≥ 0.
    enrolledAt: Math.max(0, noonUtc(enrolled === 'two-years-ago' ? twoYearsBefore(today) : enrolled)),
  }));
  return [...people, ...seedSystems];
}

/** The key fob of a seed-system member (SEED_SYSTEM_MEMBERS). */
export const seedSystemCard = (role: keyof typeof SEED_SYSTEM_MEMBERS): string =>
  demoCardNumber('kassa-fob', SEED_SYSTEM_MEMBERS[role]);

/** The card a cashier can type (or scan) to see a member at once: Johanna de V…, Gold, coffee lover. */
export const DEMO_CARD = demoCardNumber('kassa-fob', 1);
