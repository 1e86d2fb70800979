import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import type { Reward, RewardKind } from '../../../../core/loyalty/reward';
import type { CompiledProgram } from '../../../../core/rules';
import { localTime } from '../../../../core/rules/local-time';

/** A reward as the member panel lists it. */
export interface ShownReward {
  rewardId: string;
  version: number;
  name: string;
  cost: number;
  currency: string;
  kind: RewardKind['type'];
  /** The catalogue reward itself (absent for an unlock the catalogue does not list): what applying it gives. */
  reward?: Reward;
}

/** What the member can redeem now, the next reward within reach, and what their programs unlocked. */
export interface MemberRewards {
  /** Eligible, in validity, offered here, and cost ≤ the spendable balance; cheapest first. */
  redeemable: ShownReward[];
  /** The cheapest eligible reward the balance does not reach yet, and how many points are missing. */
  next: (ShownReward & { toGo: number }) | null;
  /** Rewards the member's programs unlocked (a completed stamp card, a reward-unlock effect), held. */
  unlocked: (ShownReward & { count: number })[];
}

/** A ledger row as the unlocks see it (this till's unsynced sales carry their own). */
interface UnlockRow {
  readonly account: string;
  readonly amount: number;
}

const REWARDS_ACCOUNT = 'rewards:';

/**
 * The member's rewards at `at`, from the replicated catalogue (the newest live version of each),
 * the spendable balance by the balance rule, and the unlocks folded on the server plus those of
 * this till's sales the server has not folded yet. Pure: the panel shows it, the redemption of the
 * next issue applies it.
 */
export function memberRewardsOf(
  doc: MemberDoc,
  catalogue: readonly Reward[],
  store: { storeId: string; timeZone: string },
  at: number,
  spendable: number,
  opts: { unsyncedRows?: readonly UnlockRow[]; programs?: readonly CompiledProgram[] } = {},
): MemberRewards {
  const now = localTime(at, store.timeZone);
  const local = `${now.date}T${String(Math.floor(now.minutes / 60)).padStart(2, '0')}:${String(now.minutes % 60).padStart(2, '0')}`;
  const offered = newestEach(catalogue).filter(
    (r) =>
      (!r.scope || r.scope.stores.includes(store.storeId)) &&
      (!r.validity?.from || local >= r.validity.from) &&
      (!r.validity?.until || local < r.validity.until) &&
      eligible(r, doc),
  );
  const byCost = (a: ShownReward, b: ShownReward) => a.cost - b.cost || a.rewardId.localeCompare(b.rewardId);
  const forPoints = offered.filter((r) => !r.onlyWhenUnlocked).map(shown);
  const redeemable = forPoints.filter((r) => r.cost <= spendable).sort(byCost);
  const missing = forPoints.filter((r) => r.cost > spendable).sort(byCost)[0];

  const held = { ...doc.counters.rewards };
  for (const row of opts.unsyncedRows ?? []) {
    if (!row.account.startsWith(REWARDS_ACCOUNT)) continue;
    const id = row.account.slice(REWARDS_ACCOUNT.length);
    held[id] = (held[id] ?? 0) + row.amount;
  }
  const names = unlockNames(opts.programs ?? []);
  const inCatalogue = new Map(offered.map((r) => [r.id, r]));
  const unlocked = Object.entries(held)
    .filter(([, count]) => count > 0)
    .map(([rewardId, count]) => {
      const r = inCatalogue.get(rewardId);
      return r
        ? { ...shown(r), count }
        : {
            rewardId,
            version: 0,
            name: names.get(rewardId) ?? rewardId,
            cost: 0,
            currency: 'points',
            kind: 'free-product' as const,
            count,
          };
    })
    .sort((a, b) => a.rewardId.localeCompare(b.rewardId));
  return { redeemable, next: missing ? { ...missing, toGo: missing.cost - spendable } : null, unlocked };
}

function eligible(r: Reward, doc: MemberDoc): boolean {
  const e = r.eligibility;
  if (e?.tiers && (doc.tier === null || !e.tiers.includes(doc.tier))) return false;
  if (e?.segments && !e.segments.some((s) => doc.segments.includes(s))) return false;
  return true;
}

const shown = (r: Reward): ShownReward => ({
  rewardId: r.id,
  version: r.version,
  name: r.name,
  cost: r.cost.points,
  currency: r.cost.currency ?? 'points',
  kind: r.kind.type,
  reward: r,
});

/** The newest version of each reward (a new version replaces the old on the shelf). */
function newestEach(catalogue: readonly Reward[]): Reward[] {
  const newest = new Map<string, Reward>();
  for (const r of catalogue) {
    const held = newest.get(r.id);
    if (!held || held.version < r.version) newest.set(r.id, r);
  }
  return [...newest.values()];
}

/** The names programs give the rewards they unlock, for an unlock the catalogue does not list. */
function unlockNames(programs: readonly CompiledProgram[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of programs) {
    for (const rule of c.program.rules) {
      for (const e of rule.then) {
        if (e.type === 'stamp' && e.reward.rewardId) out.set(e.reward.rewardId, e.reward.name);
        else if (e.type === 'reward-unlock') out.set(e.rewardId, e.name);
      }
    }
  }
  return out;
}
