import { describe, expect, it } from 'vitest';
import { Prng } from '../../simulation/prng';

const draw = (p: Prng, n = 20) => Array.from({ length: n }, () => p.int(0, 1_000_000));

describe('the seeded PRNG', () => {
  it('gives the same numbers for the same seed, and others for another seed', () => {
    expect(draw(Prng.fromSeed(7))).toEqual(draw(Prng.fromSeed(7)));
    expect(draw(Prng.fromSeed(7))).not.toEqual(draw(Prng.fromSeed(8)));
  });

  it('forks streams that do not shift each other', () => {
    const a = Prng.fromSeed(7);
    const linkA = a.fork('link-0');
    const shoppersA = a.fork('shoppers-0');
    const b = Prng.fromSeed(7);
    const linkB = b.fork('link-0');
    const shoppersB = b.fork('shoppers-0');
    draw(linkA, 100); // one till's network draws more than the other run's
    expect(draw(shoppersA)).toEqual(draw(shoppersB));
    expect(draw(linkB, 5)).not.toEqual(draw(shoppersB, 5));
  });

  it('stays within bounds, both ends reachable', () => {
    const p = Prng.fromSeed(1);
    const seen = new Set(Array.from({ length: 2_000 }, () => p.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
    const f = Array.from({ length: 1_000 }, () => p.fraction());
    expect(Math.min(...f)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...f)).toBeLessThan(1);
  });
});
