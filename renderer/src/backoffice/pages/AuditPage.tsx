/** The audit trail: every adjustment and override, by store, till, member and day range; exportable. */
import { useState } from 'react';
import { useText } from '../use-text';
import { useBackoffice } from '../context';
import { downloadCsv, toCsv } from '../csv';
import { useLoad } from '../useLoad';
import { AUDIT_COLUMNS, AuditTable, auditRow } from './AuditTable';

export function AuditPage() {
  const c = useBackoffice();
  const { t } = useText();
  const [terminal, setTerminal] = useState('');
  const [member, setMember] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filter = {
    store: c.storeId || undefined,
    terminal: terminal.trim() || undefined,
    member: member.trim() || undefined,
    from: from || undefined,
    to: to || undefined,
  };
  const { data, error } = useLoad(() => c.api.audit(filter), [JSON.stringify(filter)]);

  const download = () => {
    if (!data) return;
    const columns = AUDIT_COLUMNS.map((k) => ({ key: k, label: t(`backoffice.audit.columns.${k}`) }));
    downloadCsv('audit.csv', toCsv(columns, data.map(auditRow)));
  };

  return (
    <section>
      <h2>{t('backoffice.nav.audit')}</h2>
      <div className="bo-filters">
        <label>
          {t('backoffice.filters.till')}
          <input value={terminal} onChange={(e) => setTerminal(e.target.value)} data-testid="bo-audit-till" />
        </label>
        <label>
          {t('backoffice.filters.member')}
          <input value={member} onChange={(e) => setMember(e.target.value)} data-testid="bo-audit-member" />
        </label>
        <label>
          {t('backoffice.filters.from')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('backoffice.filters.to')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="button" onClick={download} disabled={!data?.length} data-testid="bo-audit-csv">
          {t('backoffice.downloadCsv')}
        </button>
      </div>
      {error && <p className="bo-error">{error}</p>}
      {data && data.length === 0 && <p>{t('backoffice.audit.none')}</p>}
      {data && data.length > 0 && <AuditTable entries={data} />}
    </section>
  );
}
