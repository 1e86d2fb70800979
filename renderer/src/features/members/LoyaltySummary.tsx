import type { Evaluation } from '../../../../core/rules';
import { useTranslation } from '../../i18n';
import { pointsEarned } from './sale-loyalty';

/**
 * What the open basket earns, live: the points per currency, the trace lines a cashier can read
 * aloud ("2× points (+45) — Weekend double points") and the nearest near-miss hint. The sentences
 * are the engine's (core/rules formats the amounts in the store's locale).
 */
export function LoyaltySummary({ evaluation, locale }: { evaluation: Evaluation; locale: string }) {
  const { t } = useTranslation();
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
                .map(([unit, n]) => t('members.points', { points: n.toLocaleString(locale), unit }))
                .join(', ')}
        </strong>
      </p>
      {applied.length > 0 && (
        <ul className="loyalty-trace">
          {applied.map((l) => (
            <li key={`${l.programId}/${l.ruleId}/${l.text}`} data-testid="trace-line">
              {l.text}
            </li>
          ))}
        </ul>
      )}
      {hint && (
        <p className="loyalty-hint" data-testid="loyalty-hint">
          {t('members.hint', { text: hint.text })}
        </p>
      )}
    </section>
  );
}
