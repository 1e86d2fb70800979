import { describe, expect, it } from 'vitest';
import { parseReward } from '../../../core/loyalty/reward';
import { parseProgram } from '../../../core/rules/index';
import { demoCatalogue } from '../../../sync-server/src/demo/demo-catalogue';
import { demoPrograms } from '../../../sync-server/src/demo/demo-programs';
import { DEMO_REWARDS } from '../../../sync-server/src/demo/demo-rewards';
import { checkRewards } from '../../../sync-server/src/domain/rewards';

const programs = demoPrograms().flatMap((p) => {
  const r = parseProgram(p.program);
  return r.ok ? [r.value] : [];
});

describe('the demo rewards catalogue', () => {
  it('is valid, in the demo programs’ points currency, and names products of the demo catalogue', () => {
    expect(checkRewards(DEMO_REWARDS.map((reward) => ({ source: reward.id, reward }))).issues).toEqual([]);
    const currencies = new Set(programs.map((p) => p.pointsCurrency ?? 'points'));
    const products = new Set(demoCatalogue().map((p) => p.id));
    for (const r of DEMO_REWARDS) {
      expect(parseReward(r).ok).toBe(true);
      expect(currencies).toContain(r.cost.currency ?? 'points');
      if (r.kind.type === 'free-product') expect(products).toContain(r.kind.sku);
    }
  });

  it('lists the coffee card’s reward, for members whose card unlocked it only', () => {
    const unlocks = programs.flatMap((p) =>
      p.rules.flatMap((rule) =>
        rule.then.flatMap((e) => (e.type === 'stamp' && e.reward.rewardId ? [e.reward.rewardId] : [])),
      ),
    );
    expect(unlocks).toContain('free-coffee');
    expect(DEMO_REWARDS.find((r) => r.id === 'free-coffee')).toMatchObject({ onlyWhenUnlocked: true });
  });
});
