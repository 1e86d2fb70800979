import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from '../../i18n';
import type { RefusedEventNote } from '../../sync/sync-status';

/** "sale 7: <the server's message> (lines)": the event in the till's words, the reason in the server's. */
function describe(r: RefusedEventNote, t: TFunction): string {
  const event = r.type === 'sale' ? t('sync.eventType.sale') : (r.type ?? t('sync.eventType.other'));
  const what = r.seq !== null ? `${event} ${r.seq}` : event;
  const text = t('sync.refusedItem', { event: what, message: r.message });
  return r.path ? `${text} (${r.path})` : text;
}

/**
 * Events the server refused: "N refused" with the first message; a click lists them all. The
 * till went on syncing the later events; a manager has to look at these. The refusal reasons
 * come from the server and are shown as they are.
 */
export function RefusedEvents({ refused }: { refused: readonly RefusedEventNote[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [first] = refused;
  if (!first) return null;
  return (
    <span className="sync-refused-events">
      <button
        type="button"
        className="sync-refused-count"
        data-testid="sync-refused"
        data-count={refused.length}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {t('sync.refused', { count: refused.length, message: first.message })}
      </button>
      {open && (
        <ul className="sync-refused-list" data-testid="sync-refused-list">
          {refused.map((r) => (
            <li key={r.id} data-testid="sync-refused-item" data-event-id={r.id}>
              {describe(r, t)}
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
