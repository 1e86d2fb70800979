import { formatMoney, type Cents } from '../../../../core/money';
import type { useTranslation } from '../../i18n';
import { loyaltyUnit } from '../../i18n/loyalty-text';
import type { TierProgress } from './tier-progress';

type Translate = ReturnType<typeof useTranslation>['t'];

/** What is left to a tier: money on a spend ladder, points in the ladder's currency on a points one. */
export function tierRemainingText(
  t: Translate,
  p: TierProgress & { kind: 'progress' },
  n: number,
  currency: string,
  locale: string,
): string {
  return p.basis === 'points'
    ? `${n.toLocaleString(locale)} ${loyaltyUnit(t, p.unit ?? 'points', n)}`
    : formatMoney(n as Cents, currency, locale);
}

/** "3.000 punten tot Gold", or null when there is no next tier to name. */
export function tierNextText(
  t: Translate,
  p: TierProgress | null,
  currency: string,
  locale: string,
): string | null {
  if (p?.kind !== 'progress' || !p.next) return null;
  return t('members.tierNext', {
    amount: tierRemainingText(t, p, p.next.remaining, currency, locale),
    tier: p.next.tier,
  });
}
