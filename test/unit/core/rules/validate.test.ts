import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { parseProgram, programJsonSchema } from '../../../../core/rules/index';

const examplesDir = join(__dirname, '../../../../sync-server/programs/examples');
const valid = {
  id: 'p',
  version: 1,
  name: 'Test',
  kind: 'points',
  status: 'active',
  rules: [
    { id: 'a', name: 'A', then: [{ type: 'points-fixed', points: 1 }] },
    { id: 'b', name: 'B', then: [{ type: 'points-fixed', points: 1 }] },
    { id: 'c', name: 'C', then: [{ type: 'points-fixed', points: 1 }] },
  ],
};
const withRule = (i: number, rule: unknown) => ({
  ...valid,
  rules: valid.rules.map((r, k) => (k === i ? rule : r)),
});
const issues = (input: unknown) => {
  const r = parseProgram(input);
  return r.ok ? [] : r.message.split('\n');
};

describe('program validation', () => {
  it('accepts a valid program', () => {
    expect(parseProgram(valid).ok).toBe(true);
  });

  it('names the path and says plainly what is wrong', () => {
    expect(issues(withRule(2, { id: 'c', name: 'C', then: [{ type: 'points-fixed', points: -5 }] }))).toEqual(
      ['rules[2].then[0].points: must be a whole number ≥ 0'],
    );
    expect(
      issues(withRule(2, { id: 'c', name: 'C', then: [{ type: 'points-fixed', points: 2.5 }] })),
    ).toEqual(['rules[2].then[0].points: must be a whole number ≥ 0']);
    expect(issues(withRule(0, { id: 'a', name: 'A', then: [{ type: 'points-fixed' }] }))).toEqual([
      'rules[0].then[0].points: is required',
    ]);
  });

  it('reports every mistake at once, deep inside conditions too', () => {
    const bad = {
      ...valid,
      kind: 'pointz',
      rules: [
        {
          id: 'a',
          name: 'A',
          when: {
            type: 'all',
            conditions: [{ type: 'hours', from: '7:00', until: '10:00' }, { type: 'weather' }],
          },
          then: [{ type: 'percent-off', percent: 150, pionts: 1 }],
        },
        { id: 'a', name: '', then: [] },
      ],
    };
    expect(issues(bad)).toEqual([
      'kind: must be one of: points, tiered, stamp-card, promotion, referral, value-based, paid-membership, coalition',
      'rules[0].when.conditions[0].from: must be a time HH:mm (00:00–24:00)',
      expect.stringMatching(
        /^rules\[0\]\.when\.conditions\[1\]\.type: must be one of: all, any, not, basket-total/,
      ),
      'rules[0].then[0].percent: must be a percentage between 0 and 100',
      'rules[0].then[0]: unknown field "pionts"',
      'rules[1].name: must not be empty',
      'rules[1].then: must list at least one value',
    ]);
  });

  it('refuses duplicate rule ids (usage counters are keyed by rule id)', () => {
    expect(issues(withRule(2, { ...valid.rules[0] }))).toEqual(['rules[2].id: duplicate rule id "a"']);
  });

  it('checks cross-references: tier names in multipliers and the validity order', () => {
    const p = {
      ...valid,
      validity: { from: '2026-12-01', until: '2026-11-01' },
      tiers: {
        basis: 'points',
        window: { type: 'calendar-year' },
        levels: [
          { name: 'Silver', threshold: 0 },
          { name: 'Gold', threshold: 100 },
        ],
      },
      rules: [
        { id: 'a', name: 'A', then: [{ type: 'tier-multiplier', factors: { Gold: 1.5, Platinum: 2 } }] },
      ],
    };
    expect(issues(p)).toEqual([
      'validity.until: must be after validity.from',
      'rules[0].then[0].factors.Platinum: unknown tier "Platinum" (the ladder has Silver, Gold)',
    ]);
  });

  it('refuses something that is not a program at all', () => {
    expect(issues([])).toEqual(['(program): must be an object { … }']);
  });
});

describe('example programs and the JSON Schema', () => {
  const files = readdirSync(examplesDir).filter((f) => f.endsWith('.json'));

  it.each(files)('%s validates', (file) => {
    const r = parseProgram(JSON.parse(readFileSync(join(examplesDir, file), 'utf8')));
    expect(r.ok ? 'ok' : r.message).toBe('ok');
  });

  it('the committed program.schema.json is what the schema exports now (run `npm run rules -- schema`)', () => {
    const committed = JSON.parse(readFileSync(join(examplesDir, '../program.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(programJsonSchema())));
  });
});

describe('the JSON Schema in an editor’s hands', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const check = ajv.compile(programJsonSchema());
  const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.json'));

  it.each(examples)('accepts %s', (file) => {
    expect(check(JSON.parse(readFileSync(join(examplesDir, file), 'utf8')))).toBe(true);
  });

  it('rejects a negative point award deep in a rule, and an unknown condition type', () => {
    const bad = {
      ...valid,
      rules: [
        {
          id: 'a',
          name: 'A',
          when: { type: 'all', conditions: [{ type: 'weather' }] },
          then: [{ type: 'points-fixed', points: -1 }],
        },
      ],
    };
    expect(check(bad)).toBe(false);
    const paths = (check.errors ?? []).map((e) => e.instancePath);
    expect(paths).toContain('/rules/0/then/0/points');
  });
});
