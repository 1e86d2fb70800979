import { useCallback, useEffect, useMemo, useState } from 'react';
import { createIdFactory } from '../../../../core/ids';
import type { ShiftCloseEvent } from '../../../../core/journal/shift-close-event';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { TerminalSession } from '../../session/terminal-session';
import {
  buildShiftCloseEvent,
  openShift,
  type OpenShift,
  type ShiftCloseInput,
  type ShiftJournalEvent,
} from './build-shift-close-event';

export type ShiftLoad =
  | { kind: 'loading' }
  | { kind: 'failed'; error: string }
  | { kind: 'open'; shift: OpenShift };

export interface ShiftClose {
  load: ShiftLoad;
  /** Writes the one `shift-close` event; resolves with it, rejects if the journal refused it. */
  close(input: ShiftCloseInput): Promise<ShiftCloseEvent>;
}

/**
 * The shift still open at this till, read from its RxDB journal: the last `shift-close` and every
 * event after it (the rest of the journal is not loaded).
 */
async function readOpenShift(session: Pick<TerminalSession, 'db'>, nowMs: number): Promise<OpenShift> {
  const journal = session.db.journal;
  const lastClose = await journal
    .findOne({ selector: { type: 'shift-close' }, sort: [{ seq: 'desc' }] })
    .exec();
  const after = lastClose?.seq ?? 0;
  const events = (await journal.find({ selector: { seq: { $gt: after } } }).exec()).map(
    (d) => d.toJSON() as unknown as ShiftJournalEvent,
  );
  const close = lastClose ? [lastClose.toJSON() as unknown as ShiftJournalEvent] : [];
  return openShift([...close, ...events], nowMs);
}

/** Reads the open shift once, and closes it with the till's next seq and prevHash (journal.append). */
export function useShiftClose(
  session: Pick<TerminalSession, 'db' | 'journal' | 'terminalId'>,
  store: StoreSettings,
  clock: () => number = Date.now,
): ShiftClose {
  const [load, setLoad] = useState<ShiftLoad>({ kind: 'loading' });
  const newId = useMemo(() => createIdFactory(), []);

  useEffect(() => {
    let live = true;
    readOpenShift(session, clock()).then(
      (shift) => live && setLoad({ kind: 'open', shift }),
      (e: unknown) => live && setLoad({ kind: 'failed', error: (e as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [session, clock]);

  const close = useCallback(
    async (input: ShiftCloseInput) => {
      const nowMs = clock();
      // Read again: a sale written since the panel opened belongs to this shift.
      const shift = await readOpenShift(session, nowMs);
      return session.journal.append((head) =>
        buildShiftCloseEvent(shift, input, {
          id: newId(nowMs),
          terminalId: session.terminalId,
          store,
          seq: head.seq + 1,
          prevHash: head.hash,
          nowMs,
        }),
      );
    },
    [clock, newId, session, store],
  );

  return { load, close };
}
