import type { Reward } from '../../../../core/loyalty/reward';
import { formatMoney, type Cents } from '../../../../core/money';
import { useTranslation } from '../../i18n';
import { loyaltyUnit } from '../../i18n/loyalty-text';
import type { MemberRewards } from '../members/member-rewards';

const points = (n: number, locale: string) => n.toLocaleString(locale);

/** Applying rewards to the open sale (features/spend): what is applied, and the two actions. */
export interface RewardActions {
  applied: readonly { redemptionId: string; name: string; points: number; offCents: number }[];
  /** What the member may still redeem, the open basket's reservations taken off. */
  redeemable: number | null;
  apply(reward: Reward): void;
  remove(redemptionId: string): void;
}

/** What a reward gives, said before it is applied. */
function gives(
  t: ReturnType<typeof useTranslation>['t'],
  r: Reward,
  locale: string,
  currency: string,
): string {
  const money = (c: number) => formatMoney(c as Cents, currency, locale);
  const k = r.kind;
  switch (k.type) {
    case 'basket-amount':
      return t('spend.rewards.gives.basket-amount', { amount: money(k.amountCents) });
    case 'basket-percent':
      return t('spend.rewards.gives.basket-percent', { percent: k.percent.toLocaleString(locale) });
    case 'line-discount':
      return t('spend.rewards.gives.line-discount', {
        amount: k.amountCents !== undefined ? money(k.amountCents) : `${k.percent?.toLocaleString(locale)}%`,
      });
    case 'free-product':
      return t('spend.rewards.gives.free-product');
    case 'voucher':
      return t('spend.rewards.gives.voucher', { amount: money(k.amountCents) });
    case 'donation':
      return t('spend.rewards.gives.donation', { amount: money(k.amountCents), cause: k.cause });
  }
}

/** The member's rewards: what each costs and gives, applied with a tap, removed the same way. */
export function RewardsList({
  rewards,
  locale,
  currency,
  actions,
}: {
  rewards: MemberRewards;
  locale: string;
  currency: string;
  actions: RewardActions | null;
}) {
  const { t } = useTranslation();
  const { redeemable, next, unlocked } = rewards;
  const apply = (r: { reward?: Reward; rewardId: string }) =>
    actions && r.reward ? (
      <button
        type="button"
        data-testid="reward-apply"
        data-reward-id={r.rewardId}
        onClick={() => r.reward && actions.apply(r.reward)}
      >
        {t('spend.rewards.apply')}
      </button>
    ) : null;
  return (
    <section className="member-rewards" data-testid="member-rewards" aria-label={t('members.rewards.title')}>
      <h3>{t('members.rewards.title')}</h3>
      {redeemable.length === 0 && unlocked.length === 0 && (
        <p data-testid="member-rewards-none">{t('members.rewards.none')}</p>
      )}
      <ul>
        {unlocked.map((r) => (
          <li key={`u-${r.rewardId}`} data-testid="member-reward-unlocked" data-reward-id={r.rewardId}>
            {t('members.rewards.unlocked', { name: r.name, times: r.count })}
            {r.reward && <> · {gives(t, r.reward, locale, currency)}</>} {apply(r)}
          </li>
        ))}
        {redeemable.map((r) => (
          <li key={r.rewardId} data-testid="member-reward" data-reward-id={r.rewardId} data-cost={r.cost}>
            {r.name} ·{' '}
            {t('members.rewards.cost', {
              points: points(r.cost, locale),
              unit: loyaltyUnit(t, r.currency, r.cost),
            })}
            {r.reward && <> · {gives(t, r.reward, locale, currency)}</>} {apply(r)}
          </li>
        ))}
      </ul>
      {actions && actions.applied.length > 0 && (
        <ul className="rewards-applied" aria-label={t('spend.rewards.applied')}>
          {actions.applied.map((a) => (
            <li
              key={a.redemptionId}
              data-testid="reward-applied"
              data-points={a.points}
              data-off={a.offCents}
            >
              {a.name}
              {a.offCents > 0 && (
                <> {t('spend.rewards.off', { amount: formatMoney(a.offCents as Cents, currency, locale) })}</>
              )}{' '}
              <button
                type="button"
                data-testid="reward-remove"
                onClick={() => actions.remove(a.redemptionId)}
              >
                {t('spend.rewards.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {next && (
        <p data-testid="member-reward-next" data-reward-id={next.rewardId} data-to-go={next.toGo}>
          {t('members.rewards.next', {
            name: next.name,
            points: points(next.toGo, locale),
            unit: loyaltyUnit(t, next.currency, next.toGo),
          })}
        </p>
      )}
    </section>
  );
}
