import { useEffect, useMemo, useState } from 'react';
import type { ShownBalance } from '../../../../core/loyalty/balance-rule';
import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import { parseReward, type Reward } from '../../../../core/loyalty/reward';
import type { CompiledProgram } from '../../../../core/rules';
import type { TerminalSession } from '../../session/terminal-session';
import { memberRewardsOf, type MemberRewards } from './member-rewards';
import { useUnsyncedEvents } from './useUnsyncedEvents';

/** The replicated rewards catalogue, each document parsed again (one the till cannot read is left out). */
export function useCatalogue(session: TerminalSession): readonly Reward[] {
  const [rewards, setRewards] = useState<readonly Reward[]>([]);
  useEffect(() => {
    const sub = session.db.rewards.find().$.subscribe((docs) => {
      setRewards(
        docs.flatMap((d) => {
          const parsed = parseReward(d.toJSON().reward);
          return parsed.ok ? [parsed.value] : [];
        }),
      );
    });
    return () => sub.unsubscribe();
  }, [session]);
  return rewards;
}

/** The attached member's rewards (member-rewards.ts) at the clock's now, redone when anything they depend on changes. */
export function useMemberRewards(
  session: TerminalSession,
  doc: MemberDoc | undefined,
  balance: ShownBalance | undefined,
  store: { storeId: string; timeZone: string },
  programs: readonly CompiledProgram[],
  clock: () => number = Date.now,
): MemberRewards | null {
  const catalogue = useCatalogue(session);
  const events = useUnsyncedEvents(session, doc);
  const spendable = balance?.spendable ?? doc?.balance ?? 0;
  const { terminalId } = session;
  return useMemo(() => {
    if (!doc) return null;
    const applied = doc.appliedThrough[terminalId] ?? 0;
    const unsyncedRows = events.flatMap((e) =>
      e.terminalId === terminalId && e.seq > applied && 'loyalty' in e && e.loyalty?.memberId === doc.memberId
        ? e.loyalty.ledger
        : [],
    );
    return memberRewardsOf(doc, catalogue, store, clock(), spendable, { unsyncedRows, programs });
  }, [catalogue, clock, doc, events, programs, spendable, store, terminalId]);
}
