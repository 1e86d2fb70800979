import airMiles from '../../programs/demo/air-miles.json';
import amexOffer from '../../programs/demo/amex-offer.json';
import anniversary from '../../programs/demo/anniversary.json';
import birthdayBonus from '../../programs/demo/birthday-bonus.json';
import challenges from '../../programs/demo/challenges.json';
import coffeeCard from '../../programs/demo/coffee-card.json';
import coffeeLovers from '../../programs/demo/coffee-lovers.json';
import primeMembership from '../../programs/demo/prime-membership.json';
import referral from '../../programs/demo/referral.json';
import roundUp from '../../programs/demo/round-up.json';
import starsPerEuro from '../../programs/demo/stars-per-euro.json';
import sweatCollective from '../../programs/demo/sweat-collective.json';
import tierLadder from '../../programs/demo/tier-ladder.json';
import weekendDouble from '../../programs/demo/weekend-double.json';
import xmasCoupon from '../../programs/demo/xmas-coupon.json';
import type { ProgramSource } from '../domain/programs';

/**
 * The demo store's published programs (sync-server/programs/demo/, one file each, every one in
 * scope of the demo store only), modelled on the seed systems of issue 8: stars per euro with a
 * breakfast pairing bonus, a Silver/Gold tier ladder with multipliers, weekend double points, a
 * coffee stamp card, a birthday-month bonus, a personalised offer for the `coffee` segment, a
 * round-up and one-for-one donation, a paid membership with member prices (`prime`), coalition
 * partner earning (`air-miles`), challenges and badges (`move`), a refer-a-friend that rewards
 * both sides, a card member offer (`amex`), a verified-trainer program (`verified-trainer`),
 * enrolment anniversaries and a coupon campaign (XMAS: €5 off a basket of €25, one per sale, each code once;
 * the printed codes are demo-coupons.ts). Imported as modules so a bundled server carries them.
 */
export const DEMO_PROGRAM_FILES: Readonly<Record<string, unknown>> = {
  'stars-per-euro.json': starsPerEuro,
  'tier-ladder.json': tierLadder,
  'weekend-double.json': weekendDouble,
  'coffee-card.json': coffeeCard,
  'birthday-bonus.json': birthdayBonus,
  'coffee-lovers.json': coffeeLovers,
  'round-up.json': roundUp,
  'prime-membership.json': primeMembership,
  'air-miles.json': airMiles,
  'challenges.json': challenges,
  'referral.json': referral,
  'amex-offer.json': amexOffer,
  'sweat-collective.json': sweatCollective,
  'anniversary.json': anniversary,
  'xmas-coupon.json': xmasCoupon,
};

/**
 * Version 2 of the stars program adds the redemption rate (100 stars pay €1.00, issue 9): HQ
 * publishes a new version, never edits a published one, so a demo seeded before spending existed
 * keeps its version 1 and gains version 2 on the next seed.
 */
export const DEMO_STARS_V2 = {
  ...starsPerEuro,
  version: 2,
  redemption: { pointsPerUnit: 100, unitCents: 100 },
};

export function demoPrograms(): ProgramSource[] {
  return [
    ...Object.entries(DEMO_PROGRAM_FILES).map(([file, program]) => ({
      source: `programs/demo/${file}`,
      // A copy: the module's object is shared.
      program: structuredClone(program),
    })),
    { source: 'programs/demo/stars-per-euro.json (version 2)', program: structuredClone(DEMO_STARS_V2) },
  ];
}
