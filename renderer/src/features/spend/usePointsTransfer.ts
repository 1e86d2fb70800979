import { useCallback, useMemo } from 'react';
import { createIdFactory } from '../../../../core/ids';
import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { message, type Translatable } from '../../i18n/translatable';
import type { TerminalSession } from '../../session/terminal-session';
import { buildTransferEvent } from './build-transfer-event';

export interface TransferControls {
  /** Gives `points` of the sale's member to the member of `card` (in the replica, else asked online). */
  give(card: string, points: number): Promise<boolean>;
}

/**
 * Points given to another member at the till (issue 9, "share with loved ones"): within what the
 * giver may redeem and the offline policy (a manager's override above a cap), one
 * `points-transfer` event in this till's journal; the receiver sees the points after sync.
 */
export function usePointsTransfer(q: {
  session: TerminalSession;
  store: StoreSettings;
  giverId: string | null;
  redeemable: number | null;
  /** The member of a card in the replica. */
  byCard(card: string): MemberDoc | undefined;
  allowPoints(requested: number, description: string): Promise<{ overrideId?: string } | undefined>;
  setNotice(notice: Translatable | null): void;
  clock: () => number;
}): TransferControls {
  const { session, store, giverId, redeemable, byCard, allowPoints, setNotice, clock } = q;
  const newId = useMemo(() => createIdFactory(), []);
  const give = useCallback(
    async (card: string, points: number) => {
      const typed = card.replace(/\s/g, '');
      if (!giverId || redeemable === null) return fail(setNotice, message('spend.points.noMember'));
      if (!Number.isSafeInteger(points) || points <= 0)
        return fail(setNotice, message('spend.points.invalid'));
      if (points > redeemable) {
        return fail(
          setNotice,
          message('spend.points.tooMany', { points: redeemable.toLocaleString(store.locale) }),
        );
      }
      let receiver = byCard(typed)?.memberId;
      if (!receiver && typed) {
        const found = await session.lookupMember(typed);
        receiver = found.kind === 'found' ? found.doc.memberId : undefined;
      }
      if (!receiver) return fail(setNotice, message('spend.transfer.unknownReceiver', { card: typed }));
      if (receiver === giverId) return fail(setNotice, message('spend.transfer.self'));
      const allowed = await allowPoints(points, `Points given to ${typed} (${points} points)`);
      if (!allowed) return false;
      const nowMs = clock();
      const toMemberId = receiver;
      await session.journal.append((head) =>
        buildTransferEvent(
          {
            fromMemberId: giverId,
            toMemberId,
            points,
            note: `Points given at the till to card ${typed}`,
            overrides: allowed.overrideId ? [allowed.overrideId] : [],
          },
          {
            id: newId(nowMs),
            terminalId: session.terminalId,
            store,
            seq: head.seq + 1,
            prevHash: head.hash,
            nowMs,
          },
        ),
      );
      setNotice(message('spend.transfer.done', { points: points.toLocaleString(store.locale), card: typed }));
      return true;
    },
    [allowPoints, byCard, clock, giverId, newId, redeemable, session, setNotice, store],
  );
  return { give };
}

function fail(setNotice: (n: Translatable | null) => void, why: Translatable): false {
  setNotice(why);
  return false;
}
