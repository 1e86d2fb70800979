import { useEffect, useState } from 'react';
import {
  shownBalance,
  type LocalLoyaltyEvent,
  type ShownBalance,
} from '../../../../core/loyalty/balance-rule';
import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import type { TerminalSession } from '../../session/terminal-session';

/**
 * The balance rule over the live replica: the member's server figures and this till's own
 * journal events above `appliedThrough[thisTerminal]`, re-read whenever either changes.
 */
export function useShownBalance(
  session: TerminalSession,
  member: MemberDoc | undefined,
): ShownBalance | undefined {
  const [events, setEvents] = useState<readonly LocalLoyaltyEvent[]>([]);
  const applied = member?.appliedThrough[session.terminalId] ?? 0;
  const memberId = member?.memberId;
  useEffect(() => {
    if (!memberId) return undefined;
    const sub = session.db.journal
      .find({ selector: { seq: { $gt: applied } } })
      .$.subscribe((docs) => setEvents(docs.map((d) => d.toJSON() as LocalLoyaltyEvent)));
    return () => sub.unsubscribe();
  }, [applied, memberId, session]);
  return member ? shownBalance(member, member.memberId, session.terminalId, events) : undefined;
}
