import type { CompiledRule } from './compile';
import type { Shortfall } from './conditions/near-miss';
import { message, type LoyaltyMessage, type MessageMoney } from './messages';

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

type Reward =
  | { readonly kind: 'points'; readonly points: number; readonly unit: string }
  | { readonly kind: 'percent'; readonly percent: number }
  | { readonly kind: 'amount-off'; readonly cents: number }
  | { readonly kind: 'reward'; readonly reward: string }
  | { readonly kind: 'rule' };

/** What the rule gives, as the hint names it (the same choice as nearMissText). */
function rewardOf(rule: CompiledRule): Reward {
  const first = rule.rule.then[0];
  if (first?.type === 'points-fixed')
    return { kind: 'points', points: first.points, unit: rule.pointsCurrency };
  if (first?.type === 'percent-off') return { kind: 'percent', percent: first.percent };
  if (first?.type === 'amount-off') return { kind: 'amount-off', cents: first.amountCents };
  if ((first?.type === 'issue-coupon' || first?.type === 'reward-unlock') && first.name !== rule.rule.name)
    return { kind: 'reward', reward: first.name };
  return { kind: 'rule' };
}

/** The same hint as a message: `spend-for-…` or `items-for-…`, then what the rule gives. */
export function nearMissMessage(compiled: CompiledRule, s: Shortfall, currency: string): LoyaltyMessage {
  const r = rewardOf(compiled);
  const rule = compiled.rule.name;
  const cash = (cents: number): MessageMoney => ({ cents, currency });
  if (s.kind === 'spend') {
    const amount = cash(s.amount);
    switch (r.kind) {
      case 'points':
        return message('spend-for-points', { amount, points: r.points, unit: r.unit, rule });
      case 'percent':
        return message('spend-for-percent', { amount, percent: r.percent, rule });
      case 'amount-off':
        return message('spend-for-amount-off', { amount, off: cash(r.cents), rule });
      case 'reward':
        return message('spend-for-reward', { amount, reward: r.reward, rule });
      case 'rule':
        return message('spend-for-rule', { amount, rule });
    }
  }
  const items = s.amount;
  switch (r.kind) {
    case 'points':
      return message('items-for-points', { items, points: r.points, unit: r.unit, rule });
    case 'percent':
      return message('items-for-percent', { items, percent: r.percent, rule });
    case 'amount-off':
      return message('items-for-amount-off', { items, off: cash(r.cents), rule });
    case 'reward':
      return message('items-for-reward', { items, reward: r.reward, rule });
    case 'rule':
      return message('items-for-rule', { items, rule });
  }
}
