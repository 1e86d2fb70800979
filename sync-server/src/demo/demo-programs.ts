import birthdayBonus from '../../programs/demo/birthday-bonus.json';
import coffeeCard from '../../programs/demo/coffee-card.json';
import coffeeLovers from '../../programs/demo/coffee-lovers.json';
import roundUp from '../../programs/demo/round-up.json';
import starsPerEuro from '../../programs/demo/stars-per-euro.json';
import tierLadder from '../../programs/demo/tier-ladder.json';
import weekendDouble from '../../programs/demo/weekend-double.json';
import type { ProgramSource } from '../domain/programs';

/**
 * The demo store's published programs (sync-server/programs/demo/, one file each, every one in
 * scope of the demo store only), modelled on the seed systems: stars per euro with a breakfast
 * pairing bonus, a Silver/Gold tier ladder with multipliers, weekend double points, a coffee stamp
 * card, a birthday-month bonus, a personalised offer for the `coffee` segment and a round-up
 * donation. Imported as modules so a bundled server carries them.
 */
export const DEMO_PROGRAM_FILES: Readonly<Record<string, unknown>> = {
  'stars-per-euro.json': starsPerEuro,
  'tier-ladder.json': tierLadder,
  'weekend-double.json': weekendDouble,
  'coffee-card.json': coffeeCard,
  'birthday-bonus.json': birthdayBonus,
  'coffee-lovers.json': coffeeLovers,
  'round-up.json': roundUp,
};

export function demoPrograms(): ProgramSource[] {
  return Object.entries(DEMO_PROGRAM_FILES).map(([file, program]) => ({
    source: `programs/demo/${file}`,
    // A copy: the module's object is shared.
    program: structuredClone(program),
  }));
}
