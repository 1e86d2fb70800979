import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');
const examples = join(root, 'sync-server/programs/examples');
const inputs = join(examples, 'inputs');

function rules(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'sync-server/src/cli/rules-cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'rules-cli-'));

describe('rules CLI', () => {
  it('validate: good program files → exit 0 and one line each', () => {
    const r = rules('validate', join(examples, 'bonvoy-tiers.json'), join(examples, 'weekend-double.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '✓ house-points@3 — Kassa Points (Marriott Bonvoy-like tier ladder) (2 rules)\n' +
        '✓ weekend-double@1 — Weekend double points (1 rule)\n',
    );
  });

  it('validate: a bad file → exit 1 and every mistake with its path', () => {
    const bad = join(tmp, 'bad.json');
    const program = JSON.parse(readFileSync(join(examples, 'bonvoy-tiers.json'), 'utf8'));
    program.rules[1].then[0].factors.Diamond = 3;
    program.rules.push({ id: 'x', name: 'X', then: [{ type: 'points-fixed', points: -1 }] });
    program.status = 'live';
    writeFileSync(bad, JSON.stringify(program));
    const r = rules('validate', join(examples, 'weekend-double.json'), bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✓ weekend-double@1');
    expect(r.stderr).toBe(
      `✗ ${bad}\n` +
        '  status: must be one of: draft, active, paused, retired\n' +
        '  rules[2].then[0].points: must be a whole number ≥ 0\n',
    );
  });

  it('validate: a file that is not JSON → exit 1 with the reason', () => {
    const broken = join(tmp, 'broken.json');
    writeFileSync(broken, '{ "id": ');
    const r = rules('validate', broken);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.json: not valid JSON/);
  });

  it('evaluate prints the evaluation as JSON', () => {
    const r = rules(
      'evaluate',
      '--programs',
      join(examples, 'bonvoy-tiers.json'),
      join(examples, 'weekend-double.json'),
      join(examples, 'round-up-donation.json'),
      '--basket',
      join(inputs, 'basket-breakfast.json'),
      '--member',
      join(inputs, 'member-gold.json'),
      '--at',
      '2026-11-28T08:15:00Z',
      '--store',
      'ams-01',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // €19.65 → 196 base, Gold +49 (49.0), Saturday 2× +196
    expect(out.points).toEqual({ points: 441 });
    expect(out.totals).toMatchObject({ grossCents: 1965, donationCents: 35, toPayCents: 2000 });
    expect(out.trace.map((t: { text: string }) => t.text)).toEqual([
      '+196 points — 10 points per euro',
      'Gold 1.25× points (+49) — Elite tier bonus',
      '2× points (+196) — Weekend double points',
      '€0.35 rounded up for Voedselbank — Round up for the Voedselbank',
    ]);
    expect(out.ledger[0]).toMatchObject({
      id: 'b-breakfast/house-points@3/base/0/points',
      memberId: 'm-anna',
      amount: 196,
    });
  });

  it('evaluate: a non-purchase event in a Bucharest store', () => {
    const r = rules(
      'evaluate',
      '--programs',
      join(examples, 'engagement-rewards.json'),
      '--basket',
      join(inputs, 'basket-empty.json'),
      '--member',
      join(inputs, 'member-gold.json'),
      '--at',
      '2026-11-25T10:00:00Z',
      '--store',
      'buc-01',
      '--event',
      'review',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).points).toEqual({ points: 50 });
  });

  it('evaluate: a bad basket → exit 1 with paths; unknown store without --tz → exit 2', () => {
    const basket = join(tmp, 'basket.json');
    writeFileSync(
      basket,
      JSON.stringify({
        id: 'b',
        currency: 'EUR',
        lines: [
          {
            lineId: 'l',
            sku: 's',
            category: 'c',
            brand: 'b',
            tags: [],
            quantity: 0,
            unitPriceCents: 1,
            amountCents: 1,
          },
        ],
      }),
    );
    const bad = rules(
      'evaluate',
      '--programs',
      join(examples, 'weekend-double.json'),
      '--basket',
      basket,
      '--at',
      '2026-11-28T08:15:00Z',
      '--store',
      'ams-01',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('lines[0].quantity: must be a whole number ≥ 1');
    const unknown = rules(
      'evaluate',
      '--programs',
      join(examples, 'weekend-double.json'),
      '--basket',
      join(inputs, 'basket-breakfast.json'),
      '--at',
      '2026-11-28T08:15:00Z',
      '--store',
      'nowhere',
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown store "nowhere"/);
  });

  it('evaluate --at: a zone offset is required and ISO 8601 only (exit 2), never the machine’s zone', () => {
    const at = (value: string) =>
      rules(
        'evaluate',
        '--programs',
        join(examples, 'bonus-cap.json'),
        join(examples, 'weekend-double.json'),
        '--basket',
        join(inputs, 'basket-breakfast.json'),
        '--member',
        join(inputs, 'member-gold.json'),
        '--at',
        value,
        '--store',
        'ams-01',
      );
    const noZone = at('2026-11-28T08:15:00');
    expect(noZone.code).toBe(2);
    expect(noZone.stdout).toBe('');
    expect(noZone.stderr).toBe(
      '--at has no zone offset: "2026-11-28T08:15:00" (give e.g. 2026-11-28T08:15:00Z or 2026-11-28T09:15:00+01:00)\n',
    );
    for (const bad of ['2026-11-28 08:15:00Z', 'Sat, 28 Nov 2026 08:15:00 GMT']) {
      const r = at(bad);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `--at is not an ISO 8601 date-time: "${bad}" (give e.g. 2026-11-28T08:15:00Z or 2026-11-28T09:15:00+01:00)\n`,
      );
    }
    const impossible = at('2026-02-30T08:15:00Z');
    expect(impossible.code).toBe(2);
    expect(impossible.stderr).toBe('--at is not a real date-time: "2026-02-30T08:15:00Z"\n');
    // €19.65 → 196 base points. Friday 23:30 in Amsterdam, written with its offset or in UTC: no 2×
    const offset = at('2026-11-27T23:30:00+01:00');
    const utc = at('2026-11-27T22:30:00Z');
    expect(offset.code).toBe(0);
    expect(JSON.parse(offset.stdout)).toEqual(JSON.parse(utc.stdout));
    expect(JSON.parse(offset.stdout).points).toEqual({ points: 196 });
    // Saturday 00:30 in Amsterdam (Friday 23:30 UTC): the store-local day is Saturday → +196
    const saturday = at('2026-11-28T00:30+0100');
    expect(saturday.code).toBe(0);
    expect(JSON.parse(saturday.stdout).points).toEqual({ points: 392 });
  });

  it('tier prints the member’s tier and progress; schema writes the JSON Schema', () => {
    const t = rules(
      'tier',
      '--program',
      join(examples, 'bonvoy-tiers.json'),
      '--history',
      join(inputs, 'history-gold.json'),
      '--at',
      '2026-11-28T08:15:00Z',
    );
    expect(t.code).toBe(0);
    expect(JSON.parse(t.stdout)).toMatchObject({
      tier: 'Gold',
      qualifying: 8200,
      next: { tier: 'Platinum', remaining: 6800 },
    });
    const out = join(tmp, 'schema.json');
    const s = rules('schema', '--out', out);
    expect(s.code).toBe(0);
    const schema = JSON.parse(readFileSync(out, 'utf8'));
    expect(schema.title).toBe('Kassa loyalty program');
    expect(schema.required).toEqual(
      expect.arrayContaining(['id', 'version', 'name', 'kind', 'status', 'rules']),
    );
  });
});
