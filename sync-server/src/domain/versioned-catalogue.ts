import canonicalize from 'canonicalize';
import type { Result } from '../../../core/result/result';
import type { ProgramIssue } from '../../../core/rules/validate';
import type { Storage, StorageTx } from '../storage/storage';

/**
 * Publishing a catalogue HQ writes as immutable versions (programs, rewards): validate every file
 * first, then publish all or none, a published version never changing. The catalogues differ in
 * their schema and their words; this is the part they share.
 */

/** A mistake in a document, with its source (file) and its path inside the document. */
export interface CatalogueIssue {
  source: string;
  path: string;
  message: string;
}

/** A valid document, ready to publish. */
export interface CheckedVersion {
  source: string;
  /** The document as written, without its editor hint. */
  body: Record<string, unknown>;
  id: string;
  version: number;
  name: string;
  /** The stores it replicates to; null = every store. */
  scopeStores: string[] | null;
}

interface Versioned {
  id: string;
  version: number;
  name: string;
  scope?: { stores?: readonly string[] | undefined } | undefined;
}

export const canonical = (v: unknown): string => canonicalize(v) as string;

/** Validates documents without publishing: every mistake of every one, and a version given twice with other content. */
export function checkVersions(
  files: readonly { source: string; document: unknown }[],
  parse: (document: unknown) => Result<Versioned, string, ProgramIssue[]>,
): { valid: CheckedVersion[]; issues: CatalogueIssue[] } {
  const issues: CatalogueIssue[] = [];
  const valid: CheckedVersion[] = [];
  const seen = new Map<string, { source: string; canonical: string }>();
  for (const f of files) {
    const parsed = parse(f.document);
    if (!parsed.ok) {
      for (const i of parsed.detail ?? []) issues.push({ source: f.source, ...i });
      continue;
    }
    const d = parsed.value;
    // The file as written, without its editor hint: `$schema` is a path that differs per folder.
    const body = { ...(f.document as Record<string, unknown>) };
    delete body.$schema;
    const key = `${d.id}@${d.version}`;
    const before = seen.get(key);
    const text = canonical(body);
    if (before && before.canonical !== text) {
      issues.push({
        source: f.source,
        path: 'version',
        message: `${d.id} version ${d.version} is also in ${before.source} with other content`,
      });
      continue;
    }
    if (before) continue;
    seen.set(key, { source: f.source, canonical: text });
    valid.push({
      source: f.source,
      body,
      id: d.id,
      version: d.version,
      name: d.name,
      scopeStores: d.scope?.stores ? [...new Set(d.scope.stores)] : null,
    });
  }
  return { valid, issues };
}

/** What publishing needs of a catalogue's repository (storage/repos/versioned-catalogue.ts). */
export interface CatalogueWriter {
  publishVersion(
    v: { id: string; version: number; body: Record<string, unknown>; scopeStores: string[] | null },
    now: number,
    canonical: (v: unknown) => string,
  ): Promise<'published' | 'unchanged' | 'version-taken'>;
  versionsOf(id: string): Promise<number[]>;
}

/**
 * Publishes valid versions all or none: the same content again is `unchanged`; other content under
 * a published version refuses the whole import (`taken`, naming the next free version).
 */
export async function publishAllOrNone(
  storage: Storage,
  valid: readonly CheckedVersion[],
  now: number,
  catalogue: (tx: StorageTx) => CatalogueWriter,
): Promise<
  | { ok: true; value: (CheckedVersion & { outcome: 'published' | 'unchanged' })[] }
  | { ok: false; taken: CatalogueIssue[] }
> {
  const taken: CatalogueIssue[] = [];
  const published = await storage
    .transaction(async (tx) => {
      const out: (CheckedVersion & { outcome: 'published' | 'unchanged' })[] = [];
      for (const v of valid) {
        const outcome = await catalogue(tx).publishVersion(v, now, canonical);
        if (outcome === 'version-taken') {
          const versions = await catalogue(tx).versionsOf(v.id);
          const next = versions.length === 0 ? v.version + 1 : Math.max(...versions) + 1;
          taken.push({
            source: v.source,
            path: 'version',
            message: `${v.id} version ${v.version} is already published with other content; a published version never changes — publish it as version ${next}`,
          });
          continue;
        }
        out.push({ ...v, outcome });
      }
      // All or none: a refused version rolls the others back.
      if (taken.length > 0) throw new VersionTaken();
      return out;
    })
    .catch((e: unknown) => {
      if (e instanceof VersionTaken) return undefined;
      throw e;
    });
  return published ? { ok: true, value: published } : { ok: false, taken };
}

class VersionTaken extends Error {}

/** Issues as `source: path: message` lines, the text of an import's refusal. */
export const issueLines = (issues: readonly CatalogueIssue[]): string =>
  issues.map((i) => `${i.source}: ${i.path}: ${i.message}`).join('\n');
