import { useMemo } from 'react';
import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import type { CompiledProgram, Evaluation } from '../../../../core/rules';
import type { TerminalSession } from '../../session/terminal-session';
import { tierProgressOf, type TierProgress, type UnsyncedSale } from './tier-progress';
import { useUnsyncedEvents } from './useUnsyncedEvents';

/**
 * The attached member's way to the next tier at the clock's now: the server's figures, this till's
 * unsynced sales, and the open basket's evaluation as "after this sale".
 */
export function useTierProgress(
  session: TerminalSession,
  doc: MemberDoc | undefined,
  programs: readonly CompiledProgram[],
  store: { storeId: string; timeZone: string },
  evaluation?: Evaluation,
  clock: () => number = Date.now,
): TierProgress | null {
  const events = useUnsyncedEvents(session, doc) as readonly UnsyncedSale[];
  const { terminalId } = session;
  return useMemo(
    () =>
      doc
        ? tierProgressOf(doc, programs, { ...store, terminalId }, clock(), {
            unsynced: events,
            basket: evaluation && { ledger: evaluation.ledger, totalCents: evaluation.totals.netCents },
          })
        : null,
    [clock, doc, evaluation, events, programs, store, terminalId],
  );
}
