import { formatMoney, type Cents } from '../../../../core/money';
import type { ShiftCloseEvent } from '../../../../core/journal/shift-close-event';
import { useTranslation } from '../../i18n';

/**
 * The Z report of a shift just closed, read from its `shift-close` event (what the server
 * reconciles): seq range, sales, returns, net per tender, points, and the cash counted against
 * what was expected. Printed like a receipt (the `.receipt` print styles).
 */
export function ZReport({
  event,
  locale,
  onDone,
}: {
  event: ShiftCloseEvent;
  locale: string;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const money = (c: number) => formatMoney(c as Cents, event.currency, locale);
  const n = (x: number) => x.toLocaleString(locale);
  const difference = event.countedCashCents - event.expectedCashCents;
  const row = (label: string, value: string, testId: string, extra?: Record<string, string | number>) => (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId} {...extra}>
        {value}
      </dd>
    </>
  );
  return (
    <section
      className="receipt z-report"
      data-testid="z-report"
      data-event-id={event.id}
      aria-label={t('shift.z.title')}
    >
      <header>
        <h2>{t('shift.z.title')}</h2>
        <p>{t('shift.z.till', { terminal: event.terminalId, day: event.businessDay })}</p>
        <p>{t('shift.z.cashier', { name: event.cashier.name })}</p>
        <p data-testid="z-seqs" data-first={event.firstSeq} data-last={event.lastSeq}>
          {t('shift.z.seqs', { from: event.firstSeq, to: event.lastSeq })}
        </p>
      </header>
      <dl className="receipt-totals">
        {row(t('shift.z.sales'), n(event.sales.count), 'z-sales-count', { 'data-count': event.sales.count })}
        {row(t('shift.z.salesTotal'), money(event.sales.totalCents), 'z-sales-total', {
          'data-cents': event.sales.totalCents,
        })}
        {row(t('shift.z.returns'), n(event.returns.count), 'z-returns-count', {
          'data-count': event.returns.count,
        })}
        {row(t('shift.z.returnsTotal'), money(event.returns.totalCents), 'z-returns-total', {
          'data-cents': event.returns.totalCents,
        })}
      </dl>
      <h3>{t('shift.z.tenders')}</h3>
      <dl className="receipt-totals">
        {event.tenders.map((tender) => (
          <div
            key={tender.tender}
            data-testid="z-tender"
            data-tender={tender.tender}
            data-cents={tender.cents}
          >
            <dt>{t(`shift.tender.${tender.tender as 'cash'}`, { defaultValue: tender.tender })}</dt>
            <dd>{money(tender.cents)}</dd>
          </div>
        ))}
      </dl>
      <dl className="receipt-totals">
        {row(t('shift.z.pointsIssued'), n(event.points.issued), 'z-points-issued', {
          'data-points': event.points.issued,
        })}
        {row(t('shift.z.pointsRedeemed'), n(event.points.redeemed), 'z-points-redeemed', {
          'data-points': event.points.redeemed,
        })}
        {row(t('shift.z.float'), money(event.floatCents), 'z-float', { 'data-cents': event.floatCents })}
        {row(t('shift.z.expected'), money(event.expectedCashCents), 'z-expected', {
          'data-cents': event.expectedCashCents,
        })}
        {row(t('shift.z.counted'), money(event.countedCashCents), 'z-counted', {
          'data-cents': event.countedCashCents,
        })}
        {row(t('shift.z.difference'), money(difference), 'z-difference', { 'data-cents': difference })}
      </dl>
      <div className="receipt-actions">
        <button type="button" data-testid="z-print" onClick={() => window.print()}>
          {t('shift.z.print')}
        </button>
        <button type="button" data-testid="z-done" onClick={onDone}>
          {t('shift.z.done')}
        </button>
      </div>
    </section>
  );
}
