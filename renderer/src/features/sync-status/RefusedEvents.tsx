import { useState } from 'react';
import type { RefusedEventNote } from '../../sync/sync-status';

function describe(r: RefusedEventNote): string {
  const what = `${r.type ?? 'event'}${r.seq !== null ? ` ${r.seq}` : ''}`;
  return `${what}: ${r.message}${r.path ? ` (${r.path})` : ''}`;
}

/**
 * Events the server refused: "N refused" with the first message; a click lists them all. The
 * till went on syncing the later events; a manager has to look at these.
 */
export function RefusedEvents({ refused }: { refused: readonly RefusedEventNote[] }) {
  const [open, setOpen] = useState(false);
  const [first] = refused;
  if (!first) return null;
  return (
    <span className="sync-refused-events">
      <button
        type="button"
        className="sync-refused-count"
        data-testid="sync-refused"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {refused.length} refused: {first.message}
      </button>
      {open && (
        <ul className="sync-refused-list" data-testid="sync-refused-list">
          {refused.map((r) => (
            <li key={r.id} data-testid="sync-refused-item" data-event-id={r.id}>
              {describe(r)}
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
