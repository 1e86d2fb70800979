/** Member look-up: card or id → balance and ledger rows (a manager sees the adjustment they made). */
import { useState, type FormEvent } from 'react';
import { useText } from '../use-text';
import type { MemberView } from '../api';
import { useBackoffice } from '../context';
import { dateTime, tDynamic } from '../text';

export function MemberPage() {
  const { api } = useBackoffice();
  const { t, i18n } = useText();
  const [ref, setRef] = useState('');
  const [member, setMember] = useState<MemberView | undefined>();
  const [error, setError] = useState<string | undefined>();

  const look = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setMember(undefined);
    try {
      setMember(await api.member(ref.trim()));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <section>
      <h2>{t('backoffice.nav.member')}</h2>
      <form className="bo-filters" onSubmit={(e) => void look(e)}>
        <label>
          {t('backoffice.member.ref')}
          <input value={ref} onChange={(e) => setRef(e.target.value)} data-testid="bo-member-ref" required />
        </label>
        <button type="submit" data-testid="bo-member-look">
          {t('backoffice.member.look')}
        </button>
      </form>
      {error && <p className="bo-error">{error}</p>}
      {member && (
        <article className="bo-card" data-testid="bo-member">
          <h3>
            {member.name ?? member.memberId} {member.cardNumber && <small>({member.cardNumber})</small>}
          </h3>
          <p data-testid="bo-member-balance">{t('backoffice.member.balance', { count: member.balance })}</p>
          <table className="bo-table" data-testid="bo-ledger">
            <thead>
              <tr>
                <th>{t('backoffice.member.columns.at')}</th>
                <th>{t('backoffice.member.columns.kind')}</th>
                <th>{t('backoffice.member.columns.points')}</th>
                <th>{t('backoffice.member.columns.text')}</th>
                <th>{t('backoffice.member.columns.event')}</th>
              </tr>
            </thead>
            <tbody>
              {member.ledger.map((row, i) => {
                const kind = String(row.kind ?? row.account ?? row.type ?? '');
                const pts = row.points ?? row.amount;
                const text = row.text ?? row.note ?? '';
                return (
                  <tr key={`${row.eventId ?? ''}/${i}`} data-testid="bo-ledger-row" data-kind={kind}>
                    <td>
                      {dateTime(
                        row.at ?? row.createdAt ?? (row.created_at as number | undefined) ?? null,
                        i18n.language,
                      )}
                    </td>
                    <td>{tDynamic(t, `backoffice.member.kinds.${kind}`, kind)}</td>
                    <td>{String(pts ?? '')}</td>
                    <td>{String(text)}</td>
                    <td>{row.eventId ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </article>
      )}
    </section>
  );
}
