import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../../core/result/result';

/**
 * Forward-only numbered SQL migrations per dialect (`0001_initial.sql`, …). The applied list lives
 * in `schema_migrations`; the server refuses to start when it and the files disagree (a file
 * edited or removed after it was applied, or a database newer than this server). Never drop and
 * recreate.
 */
export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}
export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

const FILE_RE = /^(\d{4})_([a-z0-9-_]+)\.sql$/;

export function readMigrationFiles(dir: string): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => FILE_RE.test(f))
    .sort()
    .map((f) => {
      const m = FILE_RE.exec(f) as RegExpExecArray;
      const sql = readFileSync(join(dir, f), 'utf8');
      return {
        version: Number(m[1]),
        name: f,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

export type MigrationPlanError = 'migrations-disagree';

/** Which files still need applying, or why the applied list and the files disagree. */
export function planMigrations(
  files: readonly MigrationFile[],
  applied: readonly AppliedMigration[],
): Result<MigrationFile[], MigrationPlanError> {
  const byVersion = new Map(files.map((f) => [f.version, f]));
  for (const a of applied) {
    const f = byVersion.get(a.version);
    if (!f) {
      return err(
        'migrations-disagree',
        `Database has migration ${a.name} that this server does not know: it was written by a newer server. Refusing to start.`,
      );
    }
    if (f.name !== a.name || f.checksum !== a.checksum) {
      return err(
        'migrations-disagree',
        `Migration ${a.name} was changed after it was applied (file ${f.name}). Migrations are forward-only: add a new file instead. Refusing to start.`,
      );
    }
  }
  const appliedVersions = new Set(applied.map((a) => a.version));
  const pending = files.filter((f) => !appliedVersions.has(f.version));
  const maxApplied = Math.max(0, ...appliedVersions);
  const older = pending.find((f) => f.version < maxApplied);
  if (older) {
    return err(
      'migrations-disagree',
      `Migration ${older.name} is older than the newest applied one but was never applied. Refusing to start.`,
    );
  }
  return ok(pending);
}

/** What an adapter supplies so the shared runner can migrate it. */
export interface MigrationTarget {
  ensureTable(): Promise<void>;
  listApplied(): Promise<AppliedMigration[]>;
  /** Runs the file and records it, in one transaction. */
  apply(file: MigrationFile, now: number): Promise<void>;
}

export async function migrate(target: MigrationTarget, dir: string, now: number): Promise<string[]> {
  await target.ensureTable();
  const plan = planMigrations(readMigrationFiles(dir), await target.listApplied());
  if (!plan.ok) throw new Error(plan.message);
  for (const f of plan.value) await target.apply(f, now);
  return plan.value.map((f) => f.name);
}
