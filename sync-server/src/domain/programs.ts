import canonicalize from 'canonicalize';
import { err, ok, type Result } from '../../../core/result/result';
import { parseProgram } from '../../../core/rules/validate';
import type { ProgramRecord } from '../storage/repos/programs';
import type { Storage } from '../storage/storage';

/** One program to publish and where it came from (a file name, or `programs[2]` for the admin API). */
export interface ProgramSource {
  source: string;
  program: unknown;
}

/** A mistake in a program, with its file and its path inside the program. */
export interface ProgramImportIssue {
  source: string;
  path: string;
  message: string;
}

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

const canonical = (v: unknown): string => canonicalize(v) as string;

/** Programs at most one import (CLI or admin API) publishes. */
export const MAX_PROGRAMS_PER_IMPORT = 500;

interface CheckedProgram {
  source: string;
  body: Record<string, unknown>;
  id: string;
  version: number;
  name: string;
  scopeStores: string[] | null;
}

/**
 * Validates programs without publishing them: every mistake of every program with its source and
 * path, and a version given twice with different content.
 */
export function checkPrograms(files: readonly ProgramSource[]): {
  valid: CheckedProgram[];
  issues: ProgramImportIssue[];
} {
  const issues: ProgramImportIssue[] = [];
  const valid: CheckedProgram[] = [];
  const seen = new Map<string, { source: string; canonical: string }>();
  for (const f of files) {
    const parsed = parseProgram(f.program);
    if (!parsed.ok) {
      for (const i of parsed.detail ?? []) issues.push({ source: f.source, ...i });
      continue;
    }
    const p = parsed.value;
    // The file as written, without its editor hint: `$schema` is a path that differs per folder.
    const body = { ...(f.program as Record<string, unknown>) };
    delete body.$schema;
    const key = `${p.id}@${p.version}`;
    const before = seen.get(key);
    const text = canonical(body);
    if (before && before.canonical !== text) {
      issues.push({
        source: f.source,
        path: 'version',
        message: `${p.id} version ${p.version} is also in ${before.source} with other content`,
      });
      continue;
    }
    if (before) continue;
    seen.set(key, { source: f.source, canonical: text });
    valid.push({
      source: f.source,
      body,
      id: p.id,
      version: p.version,
      name: p.name,
      scopeStores: p.scope?.stores ? [...new Set(p.scope.stores)] : null,
    });
  }
  return { valid, issues };
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
  if (issues.length > 0) {
    return err(
      'invalid-program',
      issues.map((i) => `${i.source}: ${i.path}: ${i.message}`).join('\n'),
      issues,
    );
  }

  const taken: ProgramImportIssue[] = [];
  const published = await storage
    .transaction(async (tx) => {
      const out: PublishedProgram[] = [];
      for (const v of valid) {
        const outcome = await tx.programs.publish(
          { programId: v.id, version: v.version, body: v.body, scopeStores: v.scopeStores },
          now,
          canonical,
        );
        if (outcome === 'version-taken') {
          taken.push({
            source: v.source,
            path: 'version',
            message: `${v.id} version ${v.version} is already published with other content; a published version never changes — publish it as version ${(await nextVersion(tx.programs.list(), v.id)) ?? v.version + 1}`,
          });
          continue;
        }
        out.push({
          source: v.source,
          programId: v.id,
          version: v.version,
          name: v.name,
          outcome,
          scopeStores: v.scopeStores,
        });
      }
      // All or none: a refused version rolls the others back.
      if (taken.length > 0) throw new VersionTaken();
      return out;
    })
    .catch((e: unknown) => {
      if (e instanceof VersionTaken) return undefined;
      throw e;
    });
  if (!published) {
    return err(
      'program-version-taken',
      taken.map((i) => `${i.source}: ${i.path}: ${i.message}`).join('\n'),
      taken,
    );
  }
  return ok(published);
}

class VersionTaken extends Error {}

async function nextVersion(list: Promise<ProgramRecord[]>, programId: string): Promise<number | undefined> {
  const versions = (await list).filter((p) => p.programId === programId).map((p) => p.version);
  return versions.length === 0 ? undefined : Math.max(...versions) + 1;
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
