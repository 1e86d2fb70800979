import { describe, expect, it } from 'vitest';
import { planMigrations, type MigrationFile } from '../../../sync-server/src/storage/migrations';

const file = (version: number, checksum = `c${version}`): MigrationFile => ({
  version,
  name: `${String(version).padStart(4, '0')}_m.sql`,
  sql: '',
  checksum,
});
const applied = (f: MigrationFile) => ({ version: f.version, name: f.name, checksum: f.checksum });

describe('migration plan', () => {
  it('applies only the files not applied yet, in order', () => {
    const r = planMigrations([file(1), file(2), file(3)], [applied(file(1))]);
    expect(r.ok && r.value.map((f) => f.version)).toEqual([2, 3]);
  });

  it('refuses when an applied migration was edited', () => {
    const r = planMigrations([file(1, 'edited')], [applied(file(1))]);
    expect(r).toMatchObject({
      ok: false,
      reason: 'migrations-disagree',
      message: expect.stringMatching(/changed after it was applied/),
    });
  });

  it('refuses when the database has a migration this server does not know', () => {
    const r = planMigrations([file(1)], [applied(file(1)), applied(file(2))]);
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/newer server/) });
  });

  it('refuses a file older than the newest applied one that was never applied', () => {
    const r = planMigrations([file(1), file(2), file(3)], [applied(file(1)), applied(file(3))]);
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/0002_m\.sql/) });
  });
});
