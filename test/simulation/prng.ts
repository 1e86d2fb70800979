import { unsafeUniformIntDistribution, xoroshiro128plus, type RandomGenerator } from 'pure-rand';

/**
 * The simulation's only source of chance: xoroshiro128+ from pure-rand, seeded once. Each part of
 * the simulation (a till's shoppers, a till's network link, the fault schedule) forks its own
 * stream, so what one part draws never shifts what another draws.
 */
export class Prng {
  private constructor(private readonly rng: RandomGenerator) {}

  static fromSeed(seed: number): Prng {
    return new Prng(xoroshiro128plus(seed | 0));
  }

  /** An independent stream named by `label` (same seed and label → same stream). */
  fork(label: string): Prng {
    let h = 0x811c9dc5;
    for (const ch of label) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
    return new Prng(xoroshiro128plus((this.int(0, 0x7fffffff) ^ h) | 0));
  }

  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return unsafeUniformIntDistribution(lo, hi, this.rng);
  }

  /** True with probability p (to 1 in a million). */
  chance(p: number): boolean {
    return this.int(0, 999_999) < p * 1_000_000;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** A number in [0, 1), for libraries that take Math.random's shape (ulid's PRNG). */
  fraction(): number {
    return this.int(0, 0x3fffffff) / 0x40000000;
  }
}
