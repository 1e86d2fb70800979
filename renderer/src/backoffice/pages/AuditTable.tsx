import { useText } from '../use-text';
import type { AuditEntry } from '../../../../core/backoffice/api';
import { dateTime, tDynamic } from '../text';

export const AUDIT_COLUMNS = [
  'at',
  'kind',
  'store',
  'till',
  'member',
  'actor',
  'action',
  'resolution',
  'note',
  'points',
  'cents',
] as const;

/** The audit rows as plain values (the table and its CSV show the same). */
export function auditRow(e: AuditEntry): Record<(typeof AUDIT_COLUMNS)[number], string | number> {
  return {
    at: new Date(e.at).toISOString(),
    kind: e.exceptionKind ? `${e.kind} (${e.exceptionKind} #${e.exceptionId ?? ''})` : e.kind,
    store: e.storeId,
    till: e.terminalId ?? '',
    member: e.memberId ?? '',
    actor: e.actor.name,
    action: e.action,
    resolution: e.resolution ?? '',
    note: e.note,
    points: e.points,
    cents: e.cents,
  };
}

export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  const { t, i18n } = useText();
  return (
    <table className="bo-table" data-testid="bo-audit">
      <thead>
        <tr>
          {AUDIT_COLUMNS.map((c) => (
            <th key={c}>{t(`backoffice.audit.columns.${c}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={`${e.eventId}/${e.serverSeq}`} data-testid="bo-audit-row">
            <td>{dateTime(e.at, i18n.language)}</td>
            <td>
              {t(`backoffice.audit.kind.${e.kind}`)}
              {e.exceptionKind && (
                <> · {tDynamic(t, `backoffice.kinds.${e.exceptionKind}`, e.exceptionKind)}</>
              )}
            </td>
            <td>{e.storeId}</td>
            <td>{e.terminalId ?? '—'}</td>
            <td>{e.memberId ?? '—'}</td>
            <td>{e.actor.name}</td>
            <td>{tDynamic(t, `backoffice.actions.${e.action}`, e.action)}</td>
            <td>{e.resolution ? tDynamic(t, `backoffice.resolution.${e.resolution}`, e.resolution) : '—'}</td>
            <td>{e.note}</td>
            <td>{e.points}</td>
            <td>{e.cents}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
