import type { CompiledRule } from './compile';
import type { Shortfall } from './conditions/near-miss';

/** "Spend €4.50 more for 100 bonus points" — names the reward when the rule's first effect says it plainly. */
export function nearMissText(rule: CompiledRule, s: Shortfall, money: (c: number) => string): string {
  const first = rule.rule.then[0];
  let reward = rule.rule.name;
  if (first?.type === 'points-fixed') reward = `${first.points} bonus ${rule.pointsCurrency}`;
  else if (first?.type === 'percent-off') reward = `${first.percent}% off`;
  else if (first?.type === 'amount-off') reward = `${money(first.amountCents)} off`;
  else if (first?.type === 'issue-coupon' || first?.type === 'reward-unlock') reward = first.name;
  const need =
    s.kind === 'spend'
      ? `Spend ${money(s.amount)} more`
      : `Add ${s.amount} more item${s.amount > 1 ? 's' : ''}`;
  return reward === rule.rule.name ? `${need} for ${reward}` : `${need} for ${reward} — ${rule.rule.name}`;
}
