import { useMemo } from 'react';
import { withUnsyncedSales, type LocalEvent } from '../../../../core/folds/unsynced-sales';
import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import type { TerminalSession } from '../../session/terminal-session';
import { useUnsyncedEvents } from './useUnsyncedEvents';

/**
 * The member the rules evaluate the next sale against: the replica's document with this till's own
 * sales the server has not folded yet (their counters, stamps and rule uses), so two sales queued
 * offline are evaluated one after the other, as the server re-evaluates them.
 */
export function useMemberForRules(
  session: TerminalSession,
  doc: MemberDoc | undefined,
): MemberDoc | undefined {
  const events = useUnsyncedEvents(session, doc) as readonly LocalEvent[];
  return useMemo(
    () => (doc ? withUnsyncedSales(doc, session.terminalId, events) : undefined),
    [doc, events, session.terminalId],
  );
}
