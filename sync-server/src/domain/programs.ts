import { err, ok, type Result } from '../../../core/result/result';
import { parseProgram } from '../../../core/rules/validate';
import type { ProgramRecord } from '../storage/repos/programs';
import type { Storage } from '../storage/storage';
import {
  checkVersions,
  issueLines,
  publishAllOrNone,
  type CatalogueIssue,
  type CheckedVersion,
} from './versioned-catalogue';

/** One program to publish and where it came from (a file name, or `programs[2]` for the admin API). */
export interface ProgramSource {
  source: string;
  program: unknown;
}

/** A mistake in a program, with its file and its path inside the program. */
export type ProgramImportIssue = CatalogueIssue;

export type PublishOutcome = 'published' | 'unchanged';

export interface PublishedProgram {
  source: string;
  programId: string;
  version: number;
  name: string;
  outcome: PublishOutcome;
  /** The stores the version replicates to; null = every store. */
  scopeStores: string[] | null;
}

export type PublishReason = 'invalid-program' | 'program-version-taken';

/** Programs at most one import (CLI or admin API) publishes. */
export const MAX_PROGRAMS_PER_IMPORT = 500;

/**
 * Validates programs without publishing them: every mistake of every program with its source and
 * path, and a version given twice with different content.
 */
export function checkPrograms(files: readonly ProgramSource[]): {
  valid: CheckedVersion[];
  issues: ProgramImportIssue[];
} {
  return checkVersions(
    files.map((f) => ({ source: f.source, document: f.program })),
    parseProgram,
  );
}

/**
 * Publishes program versions, all or none: every program is validated with the rules engine's
 * schema first (every mistake of every file, path-precise, e.g. `rules[2].then[0].points: must be a
 * whole number ≥ 0`) and nothing is published if one is invalid. A published version is immutable:
 * the same content again is `unchanged`, other content under a published version refuses the whole
 * import (`program-version-taken`) — a change is a new version. A version replicates to the stores
 * of its `scope.stores` (every store when it has none).
 */
export async function publishPrograms(
  storage: Storage,
  files: readonly ProgramSource[],
  now: number,
): Promise<Result<PublishedProgram[], PublishReason, ProgramImportIssue[]>> {
  if (files.length > MAX_PROGRAMS_PER_IMPORT) {
    const issue = {
      source: '(import)',
      path: '(program)',
      message: `at most ${MAX_PROGRAMS_PER_IMPORT} programs per import`,
    };
    return err('invalid-program', `${issue.source}: ${issue.message}`, [issue]);
  }
  const { valid, issues } = checkPrograms(files);
  if (issues.length > 0) return err('invalid-program', issueLines(issues), issues);
  const published = await publishAllOrNone(storage, valid, now, (tx) => tx.programs);
  if (!published.ok) return err('program-version-taken', issueLines(published.taken), published.taken);
  return ok(
    published.value.map((v) => ({
      source: v.source,
      programId: v.id,
      version: v.version,
      name: v.name,
      outcome: v.outcome,
      scopeStores: v.scopeStores,
    })),
  );
}

export interface ProgramListing {
  programId: string;
  version: number;
  name: string;
  kind: string;
  status: string;
  /** null = every store. */
  scopeStores: string[] | null;
  publishedAt: number;
  retiredAt: number | null;
}

const listing = (p: ProgramRecord): ProgramListing => ({
  programId: p.programId,
  version: p.version,
  name: typeof p.body.name === 'string' ? p.body.name : p.programId,
  kind: typeof p.body.kind === 'string' ? p.body.kind : '',
  status: typeof p.body.status === 'string' ? p.body.status : '',
  scopeStores: p.scopeStores,
  publishedAt: p.publishedAt,
  retiredAt: p.retiredAt,
});

/** Every published version, retired ones included, by program id then version. */
export async function listPrograms(storage: Storage): Promise<ProgramListing[]> {
  return (await storage.programs.list()).map(listing);
}

/**
 * Retires every live version of a program: tills drop it on their next pull. Retiring a retired
 * program again changes nothing (`retired: 0`); an unknown program id is `not-found`.
 */
export async function retireProgram(
  storage: Storage,
  programId: string,
  now: number,
): Promise<Result<{ programId: string; retired: number }, 'not-found'>> {
  return storage.transaction(async (tx) => {
    const known = (await tx.programs.list()).some((p) => p.programId === programId);
    if (!known) return err('not-found', `There is no published program "${programId}".`);
    return ok({ programId, retired: await tx.programs.retire(programId, now) });
  });
}
