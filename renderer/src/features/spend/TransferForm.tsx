import { useState } from 'react';
import { useTranslation } from '../../i18n';
import type { TransferControls } from './usePointsTransfer';

/** "Give points": the receiver's card (scanned or typed) and how many points. */
export function TransferForm({ transfer }: { transfer: TransferControls }) {
  const { t } = useTranslation();
  const [card, setCard] = useState('');
  const [points, setPoints] = useState('');
  return (
    <form
      className="points-transfer"
      data-testid="points-transfer"
      aria-label={t('spend.transfer.title')}
      onSubmit={(e) => {
        e.preventDefault();
        const n = /^\d{1,10}$/.test(points.trim()) ? Number(points.trim()) : Number.NaN;
        void transfer.give(card, n).then((ok) => {
          if (ok) {
            setCard('');
            setPoints('');
          }
        });
      }}
    >
      <h4>{t('spend.transfer.title')}</h4>
      <label>
        {t('spend.transfer.card')}{' '}
        <input
          data-testid="transfer-card"
          autoComplete="off"
          value={card}
          onChange={(e) => setCard(e.target.value)}
        />
      </label>
      <label>
        {t('spend.transfer.points')}{' '}
        <input
          data-testid="transfer-points"
          inputMode="numeric"
          autoComplete="off"
          value={points}
          onChange={(e) => setPoints(e.target.value)}
        />
      </label>
      <button type="submit" data-testid="transfer-give">
        {t('spend.transfer.give')}
      </button>
    </form>
  );
}
