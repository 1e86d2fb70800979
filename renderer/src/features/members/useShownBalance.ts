import {
  shownBalance,
  type LocalLoyaltyEvent,
  type ShownBalance,
} from '../../../../core/loyalty/balance-rule';
import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import type { TerminalSession } from '../../session/terminal-session';
import { useUnsyncedEvents } from './useUnsyncedEvents';

/**
 * The balance rule over the live replica: the member's server figures and this till's own
 * journal events above `appliedThrough[thisTerminal]`, re-read whenever either changes.
 */
export function useShownBalance(
  session: TerminalSession,
  member: MemberDoc | undefined,
): ShownBalance | undefined {
  const events = useUnsyncedEvents(session, member) as readonly LocalLoyaltyEvent[];
  return member ? shownBalance(member, member.memberId, session.terminalId, events) : undefined;
}
