import canonicalize from 'canonicalize';
import { parseReward } from '../../../core/loyalty/reward';
import { err, ok, type Result } from '../../../core/result/result';
import type { RewardRecord } from '../storage/repos/rewards';
import type { Storage } from '../storage/storage';

/** One reward to publish and where it came from (a file name, or `rewards[2]` for the admin API). */
export interface RewardSource {
  source: string;
  reward: unknown;
}

/** A mistake in a reward, with its file and its path inside the reward. */
export interface RewardImportIssue {
  source: string;
  path: string;
  message: string;
}

export interface PublishedReward {
  source: string;
  rewardId: string;
  version: number;
  name: string;
  outcome: 'published' | 'unchanged';
  /** The stores that offer it; null = every store. */
  scopeStores: string[] | null;
}

export type RewardPublishReason = 'invalid-reward' | 'reward-version-taken';

/** Rewards at most one import (CLI or admin API) publishes. */
export const MAX_REWARDS_PER_IMPORT = 500;

const canonical = (v: unknown): string => canonicalize(v) as string;

interface CheckedReward {
  source: string;
  body: Record<string, unknown>;
  id: string;
  version: number;
  name: string;
  scopeStores: string[] | null;
}

/** Validates rewards without publishing: every mistake of every reward, and a version given twice with other content. */
export function checkRewards(files: readonly RewardSource[]): {
  valid: CheckedReward[];
  issues: RewardImportIssue[];
} {
  const issues: RewardImportIssue[] = [];
  if (files.length > MAX_REWARDS_PER_IMPORT) {
    issues.push({
      source: '(import)',
      path: '(reward)',
      message: `at most ${MAX_REWARDS_PER_IMPORT} rewards per import`,
    });
    return { valid: [], issues };
  }
  const valid: CheckedReward[] = [];
  const seen = new Map<string, { source: string; canonical: string }>();
  for (const f of files) {
    const parsed = parseReward(f.reward);
    if (!parsed.ok) {
      for (const i of parsed.detail ?? []) issues.push({ source: f.source, ...i });
      continue;
    }
    const r = parsed.value;
    const body = { ...(f.reward as Record<string, unknown>) };
    delete body.$schema;
    const key = `${r.id}@${r.version}`;
    const text = canonical(body);
    const before = seen.get(key);
    if (before && before.canonical !== text) {
      issues.push({
        source: f.source,
        path: 'version',
        message: `${r.id} version ${r.version} is also in ${before.source} with other content`,
      });
      continue;
    }
    if (before) continue;
    seen.set(key, { source: f.source, canonical: text });
    valid.push({
      source: f.source,
      body,
      id: r.id,
      version: r.version,
      name: r.name,
      scopeStores: r.scope?.stores ? [...new Set(r.scope.stores)] : null,
    });
  }
  return { valid, issues };
}

const lines = (issues: readonly RewardImportIssue[]) =>
  issues.map((i) => `${i.source}: ${i.path}: ${i.message}`).join('\n');

/**
 * Publishes reward versions, all or none, as programs are published (domain/programs.ts): every
 * reward validated first (path-precise: `kind.amountCents: must be a whole number ≥ 1`); a
 * published version is immutable — the same content again is `unchanged`, other content refuses
 * the whole import (`reward-version-taken`). A version replicates to the stores of its scope.
 */
export async function publishRewards(
  storage: Storage,
  files: readonly RewardSource[],
  now: number,
): Promise<Result<PublishedReward[], RewardPublishReason, RewardImportIssue[]>> {
  const { valid, issues } = checkRewards(files);
  if (issues.length > 0) return err('invalid-reward', lines(issues), issues);
  const taken: RewardImportIssue[] = [];
  const published = await storage
    .transaction(async (tx) => {
      const out: PublishedReward[] = [];
      for (const v of valid) {
        const outcome = await tx.rewards.publish(
          { rewardId: v.id, version: v.version, body: v.body, scopeStores: v.scopeStores },
          now,
          canonical,
        );
        if (outcome === 'version-taken') {
          const next = nextVersion(await tx.rewards.list(), v.id) ?? v.version + 1;
          taken.push({
            source: v.source,
            path: 'version',
            message: `${v.id} version ${v.version} is already published with other content; a published version never changes — publish it as version ${next}`,
          });
          continue;
        }
        out.push({
          source: v.source,
          rewardId: v.id,
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
  if (!published) return err('reward-version-taken', lines(taken), taken);
  return ok(published);
}

class VersionTaken extends Error {}

function nextVersion(list: readonly RewardRecord[], rewardId: string): number | undefined {
  const versions = list.filter((r) => r.rewardId === rewardId).map((r) => r.version);
  return versions.length === 0 ? undefined : Math.max(...versions) + 1;
}

export interface RewardListing {
  rewardId: string;
  version: number;
  name: string;
  kind: string;
  cost: number;
  currency: string;
  /** null = every store. */
  scopeStores: string[] | null;
  publishedAt: number;
  retiredAt: number | null;
}

function listing(r: RewardRecord): RewardListing {
  const body = r.body as {
    name?: unknown;
    kind?: { type?: unknown };
    cost?: { points?: unknown; currency?: unknown };
  };
  return {
    rewardId: r.rewardId,
    version: r.version,
    name: typeof body.name === 'string' ? body.name : r.rewardId,
    kind: typeof body.kind?.type === 'string' ? body.kind.type : '',
    cost: typeof body.cost?.points === 'number' ? body.cost.points : 0,
    currency: typeof body.cost?.currency === 'string' ? body.cost.currency : 'points',
    scopeStores: r.scopeStores,
    publishedAt: r.publishedAt,
    retiredAt: r.retiredAt,
  };
}

/** Every published version, retired ones included, by reward id then version. */
export async function listRewards(storage: Storage): Promise<RewardListing[]> {
  return (await storage.rewards.list()).map(listing);
}

/**
 * Retires every live version of a reward: tills drop it on their next pull. A retired reward
 * again changes nothing (`retired: 0`); an unknown id is `not-found`.
 */
export async function retireReward(
  storage: Storage,
  rewardId: string,
  now: number,
): Promise<Result<{ rewardId: string; retired: number }, 'not-found'>> {
  return storage.transaction(async (tx) => {
    const known = (await tx.rewards.list()).some((r) => r.rewardId === rewardId);
    if (!known) return err('not-found', `There is no published reward "${rewardId}".`);
    return ok({ rewardId, retired: await tx.rewards.retire(rewardId, now) });
  });
}
