import { translate, useTranslation } from '../../i18n';
import type { Returns } from './useReturns';

/** Step one: the receipt's code, scanned (the till's scanners stay live) or typed. */
export function ReturnFind({ returns }: { returns: Returns }) {
  const { t } = useTranslation();
  const { state } = returns;
  if (state.step !== 'find') return null;
  return (
    <form
      className="returns-find"
      onSubmit={(e) => {
        e.preventDefault();
        void returns.find();
      }}
    >
      <label>
        {t('returns.find.label')}{' '}
        <input
          data-testid="return-code"
          value={state.code}
          placeholder={t('returns.find.placeholder')}
          autoComplete="off"
          onChange={(e) => returns.typeCode(e.target.value)}
        />
      </label>{' '}
      <button type="submit" data-testid="return-find" disabled={state.looking}>
        {t('returns.find.submit')}
      </button>
      <p
        className={`message ${state.message ? 'error' : ''}`}
        data-testid="return-message"
        role={state.message ? 'alert' : 'status'}
      >
        {state.looking ? t('returns.find.looking') : state.message && translate(t, state.message)}
      </p>
    </form>
  );
}
