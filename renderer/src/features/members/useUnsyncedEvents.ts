import { useEffect, useState } from 'react';
import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import type { JournalEvent } from '../../../../core/journal';
import type { TerminalSession } from '../../session/terminal-session';

/**
 * This till's journal events above the member's `appliedThrough[thisTerminal]` — the part of the
 * balance rule the server has not folded yet — re-read whenever the journal or the member changes.
 */
export function useUnsyncedEvents(
  session: TerminalSession,
  member: MemberDoc | undefined,
): readonly JournalEvent[] {
  const [events, setEvents] = useState<readonly JournalEvent[]>([]);
  const applied = member?.appliedThrough[session.terminalId] ?? 0;
  const memberId = member?.memberId;
  useEffect(() => {
    if (!memberId) return undefined;
    const sub = session.db.journal
      .find({ selector: { seq: { $gt: applied } } })
      .$.subscribe((docs) => setEvents(docs.map((d) => d.toJSON() as JournalEvent)));
    return () => sub.unsubscribe();
  }, [applied, memberId, session]);
  return events;
}
