import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kassa } from './support/cli';

/** `kassa-server jobs run --at <time>`: a moment with its zone, or exit 2. */
describe('kassa-server jobs run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-jobs-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the ledger jobs at a moment with a zone', async () => {
    const r = await kassa(['jobs', 'run', '--at', '2026-04-03T12:00:00+02:00', '--data-dir', dir]);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toBe(
      'Jobs at 2026-04-03T10:00:00.000Z: 0 rows posted (0 events), 0 points expired from 0 lots (0 events), 0 tiers changed.\n',
    );
  });

  it('refuses an --at without a zone, or that is not ISO 8601, with exit 2', async () => {
    const noZone = await kassa(['jobs', 'run', '--at', '2026-04-03T12:00:00', '--data-dir', dir]);
    expect(noZone.code).toBe(2);
    expect(noZone.stderr).toContain('has no zone offset');
    const notIso = await kassa(['jobs', 'run', '--at', '3 April 2026', '--data-dir', dir]);
    expect(notIso.code).toBe(2);
    expect(notIso.stderr).toContain('is not an ISO 8601 date-time');
    expect((await kassa(['jobs', 'run', '--at', '2026-02-30T12:00:00Z', '--data-dir', dir])).code).toBe(2);
  });
});
