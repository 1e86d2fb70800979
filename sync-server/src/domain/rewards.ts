import { parseReward } from '../../../core/loyalty/reward';
import { err, ok, type Result } from '../../../core/result/result';
import type { RewardRecord } from '../storage/repos/rewards';
import type { Storage } from '../storage/storage';
import {
  checkVersions,
  issueLines,
  publishAllOrNone,
  type CatalogueIssue,
  type CheckedVersion,
} from './versioned-catalogue';

/** One reward to publish and where it came from (a file name, or `rewards[2]` for the admin API). */
export interface RewardSource {
  source: string;
  reward: unknown;
}

/** A mistake in a reward, with its file and its path inside the reward. */
export type RewardImportIssue = CatalogueIssue;

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

/** Validates rewards without publishing: every mistake of every reward, and a version given twice with other content. */
export function checkRewards(files: readonly RewardSource[]): {
  valid: CheckedVersion[];
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
  return checkVersions(
    files.map((f) => ({ source: f.source, document: f.reward })),
    parseReward,
  );
}

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
  if (issues.length > 0) return err('invalid-reward', issueLines(issues), issues);
  const published = await publishAllOrNone(storage, valid, now, (tx) => tx.rewards);
  if (!published.ok) return err('reward-version-taken', issueLines(published.taken), published.taken);
  return ok(
    published.value.map((v) => ({
      source: v.source,
      rewardId: v.id,
      version: v.version,
      name: v.name,
      outcome: v.outcome,
      scopeStores: v.scopeStores,
    })),
  );
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
