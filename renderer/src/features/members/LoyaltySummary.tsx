import type { Evaluation } from '../../../../core/rules';
import { useTranslation } from '../../i18n';
import { loyaltyUnit, useLoyaltyText } from '../../i18n/loyalty-text';
import { pointsEarned } from './sale-loyalty';

/**
 * What the open basket earns, live: the points per currency, the trace lines a cashier can read
 * aloud ("2× punten (+45) — Dubbele punten in het weekend") and the nearest near-miss hint, in the
 * till's language: the engine's messages formatted by i18n/loyalty-text.ts (its English text for a
 * code this till does not know).
 */
export function LoyaltySummary({ evaluation, locale }: { evaluation: Evaluation; locale: string }) {
  const { t } = useTranslation();
  const say = useLoyaltyText(locale);
  const applied = evaluation.trace.filter((l) => l.outcome === 'applied' || l.outcome === 'capped');
  const earned = Object.entries(evaluation.points).filter(([, n]) => n !== 0);
  const hint = evaluation.nearMisses[0];
  return (
    <section className="loyalty-summary" data-testid="loyalty-summary">
      <p>
        {t('members.earns')}{' '}
        <strong data-testid="loyalty-earns" data-points={pointsEarned(evaluation)}>
          {earned.length === 0
            ? t('members.earnsNothing')
            : earned
                .map(([unit, n]) =>
                  t('members.points', {
                    points: n.toLocaleString(locale),
                    unit: loyaltyUnit(t, unit, n, locale),
                  }),
                )
                .join(', ')}
        </strong>
      </p>
      {applied.length > 0 && (
        <ul className="loyalty-trace">
          {applied.map((l) => (
            <li key={`${l.programId}/${l.ruleId}/${l.text}`} data-testid="trace-line">
              {say(l)}
            </li>
          ))}
        </ul>
      )}
      {hint && (
        <p className="loyalty-hint" data-testid="loyalty-hint">
          {t('members.hint', { text: say(hint) })}
        </p>
      )}
    </section>
  );
}
