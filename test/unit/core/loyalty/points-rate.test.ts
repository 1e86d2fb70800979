import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsForPoints, pointsForCents, pointsRateOf } from '../../../../core/loyalty/points-rate';
import { compileProgram, parseProgram, type Program } from '../../../../core/rules/index';
import { demoPrograms } from '../../../../sync-server/src/demo/demo-programs';

function program(extra: Record<string, unknown>): Program {
  const r = parseProgram({
    id: 'p',
    version: 1,
    name: 'Test',
    kind: 'points',
    status: 'active',
    rules: [{ id: 'earn', name: 'Earn', then: [{ type: 'points-fixed', points: 1 }] }],
    ...extra,
  });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('pointsRateOf', () => {
  it('the demo’s stars pay 100 points = €1.00 (version 2 of the stars program says so)', () => {
    const programs = demoPrograms().map((p) => {
      const r = parseProgram(p.program);
      if (!r.ok) throw new Error(r.message);
      return compileProgram(r.value);
    });
    expect(pointsRateOf(programs)).toEqual({
      pointsPerUnit: 100,
      unitCents: 100,
      earnOnPointsPaid: false,
      programId: 'demo-stars',
      programVersion: 2,
    });
    // A points currency no program prices cannot be spent at the till.
    expect(pointsRateOf(programs, 'miles')).toBeNull();
  });

  it('is null when no program lets the points be spent', () => {
    expect(pointsRateOf([program({})])).toBeNull();
    expect(pointsRateOf([])).toBeNull();
  });

  it('takes the newest version, then an active program, whatever the order', () => {
    const v1 = program({ redemption: { pointsPerUnit: 100, unitCents: 100 } });
    const v2 = program({ version: 2, redemption: { pointsPerUnit: 200, unitCents: 100 } });
    const v3 = program({ version: 3 }); // the rate withdrawn
    const other = program({ id: 'q', status: 'paused', redemption: { pointsPerUnit: 50, unitCents: 100 } });
    expect(pointsRateOf([v2, v1])?.pointsPerUnit).toBe(200);
    expect(pointsRateOf([v1, v2, other])?.pointsPerUnit).toBe(200);
    expect(pointsRateOf([other, v2, v1])?.pointsPerUnit).toBe(200);
    expect(pointsRateOf([v1, v3, other])).toMatchObject({ programId: 'q', pointsPerUnit: 50 });
  });
});

describe('centsForPoints and pointsForCents', () => {
  const euro = { pointsPerUnit: 100, unitCents: 100 };
  const halfCent = { pointsPerUnit: 2, unitCents: 1 };

  it('round in the shop’s favour', () => {
    expect(centsForPoints(250, euro)).toBe(250);
    expect(centsForPoints(199, { pointsPerUnit: 100, unitCents: 50 })).toBe(99);
    expect(centsForPoints(3, halfCent)).toBe(1);
    expect(pointsForCents(250, euro)).toBe(250);
    expect(pointsForCents(99, { pointsPerUnit: 100, unitCents: 50 })).toBe(198);
    expect(pointsForCents(3, { pointsPerUnit: 1, unitCents: 2 })).toBe(2);
    expect(centsForPoints(-5, euro)).toBe(0);
    expect(pointsForCents(0, euro)).toBe(0);
  });

  it('points never pay more than they are worth, and the member always pays the rate', () => {
    const rateArb = fc.record({
      pointsPerUnit: fc.integer({ min: 1, max: 1_000_000 }),
      unitCents: fc.integer({ min: 1, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(rateArb, fc.integer({ min: 0, max: 1_000_000_000 }), (rate, n) => {
        const cents = centsForPoints(n, rate);
        // What n points pay never needs more than n points; paying n cents takes at least their worth.
        expect(pointsForCents(cents, rate)).toBeLessThanOrEqual(n);
        expect(centsForPoints(pointsForCents(n, rate), rate)).toBeGreaterThanOrEqual(n);
        expect(Number.isSafeInteger(cents * rate.pointsPerUnit)).toBe(true);
      }),
    );
  });
});
