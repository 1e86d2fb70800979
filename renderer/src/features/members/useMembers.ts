import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import type { ScanContext } from '../../../../core/scan';
import { message } from '../../i18n/translatable';
import type { TerminalSession } from '../../session/terminal-session';
import type { MemberScan } from '../checkout/useCheckout';
import { followMembers, type MemberSource } from './follow-members';
import {
  countryCodeFor,
  identifyCard,
  identifyPhone,
  resolveAppCodeWhileLoading,
  resolveCardWhileLoading,
  type Identification,
} from './identify';
import { createMemberIndex, type MemberIndex } from './member-index';
import { INITIAL_MEMBER_STATE, memberReducer, type MemberState } from './member-state';

export interface Members {
  state: MemberState;
  /** The replicated document of the member on the sale (undefined for provisional, or not replicated). */
  attachedDoc: MemberDoc | undefined;
  confirmDoc: MemberDoc | undefined;
  index: MemberIndex;
  scanContext: Pick<ScanContext, 'memberSecret' | 'lastAcceptedStep'>;
  scanned(scan: MemberScan): void;
  findByPhone(typed: string): boolean;
  confirmReplace(): void;
  cancelReplace(): void;
  remove(): void;
  saleCompleted(): void;
  /** A member enrolled at this till: shown from `doc` until the replica has them, and attached. */
  enrolled(doc: MemberDoc): void;
  /** The member of a basket restored after a reload or recalled from park (null: none). */
  restore(identification: Identification | null): void;
}

/**
 * The member of the open sale, wired to the replica: the index follows `db.members`, the pure
 * reducer (member-state.ts) decides. `memberSecret`: the member-app secrets this till holds —
 * none are replicated yet, so app codes stay unverified (and are refused) unless one is given.
 */
export function useMembers(
  session: TerminalSession,
  store: { locale: string },
  memberSecret?: ScanContext['memberSecret'],
): Members {
  const [index] = useState(createMemberIndex);
  const [, setVersion] = useState(0);
  useEffect(() => index.subscribe(() => setVersion((v) => v + 1)), [index]);
  // Right after a start the stored members are still loading into the index: a card or app code
  // not found yet is decided once its member is in (or the server found them), or all are in —
  // never turned provisional by a race.
  const loaded = useRef<Promise<void>>(Promise.resolve());
  useEffect(() => {
    const follow = followMembers(session.db.members as unknown as MemberSource, index);
    loaded.current = follow.ready;
    return follow.stop;
  }, [index, session]);

  const [state, dispatch] = useReducer(memberReducer, INITIAL_MEMBER_STATE);
  const { acceptedSteps } = state;
  const scanContext = useMemo(
    () => ({
      ...(memberSecret ? { memberSecret } : {}),
      lastAcceptedStep: (ref: string) => acceptedSteps[ref],
    }),
    [acceptedSteps, memberSecret],
  );

  const scanned = useCallback(
    (scan: MemberScan) => {
      if (scan.type === 'member-card') {
        const card = scan.cardNumber;
        if (index.byCard(card)) {
          dispatch({ type: 'identified', identification: identifyCard(card, index) });
          return;
        }
        const online = session.status.get().online;
        if (online !== false) dispatch({ type: 'looking-up', card });
        void resolveCardWhileLoading(card, index, loaded.current, {
          online,
          lookup: session.lookupMember,
        }).then((r) => {
          if (r.kind === 'card-unknown') {
            dispatch({ type: 'refused', notice: message('members.refused.card-unknown', { card }) });
            return;
          }
          // Shown at once; the replica's copy replaces it when the feed brings the member here.
          if (r.doc) index.put(r.doc);
          dispatch({ type: 'identified', identification: r.identification });
        });
        return;
      }
      // A verified code of a member not in the replica is asked of the server by id (identify.ts).
      void resolveAppCodeWhileLoading(scan, index, loaded.current, {
        online: session.status.get().online,
        lookupById: (id) => session.lookupMember(id, 'id'),
      }).then((r) => {
        if (!r.ok) {
          dispatch({ type: 'refused', notice: message(`members.refused.${r.reason}`) });
          return;
        }
        if (r.value.doc) index.put(r.value.doc);
        dispatch({
          type: 'identified',
          identification: r.value.identification,
          ...(scan.step !== undefined ? { step: scan.step } : {}),
        });
      });
    },
    [index, session],
  );

  const findByPhone = useCallback(
    (typed: string) => {
      const r = identifyPhone(typed, countryCodeFor(store.locale) ?? '', index);
      if (!r.ok) {
        dispatch({
          type: 'refused',
          notice: message(`members.refused.${r.reason}`, { typed: typed.trim() }),
        });
        return false;
      }
      dispatch({ type: 'identified', identification: r.value });
      return true;
    },
    [index, store.locale],
  );

  const docOf = (id: Identification | null) => (id?.kind === 'member' ? index.byId(id.memberId) : undefined);
  return {
    state,
    attachedDoc: docOf(state.attached),
    confirmDoc: docOf(state.confirm),
    index,
    scanContext,
    scanned,
    findByPhone,
    confirmReplace: useCallback(() => dispatch({ type: 'confirm-replace' }), []),
    cancelReplace: useCallback(() => dispatch({ type: 'cancel-replace' }), []),
    remove: useCallback(() => dispatch({ type: 'remove' }), []),
    saleCompleted: useCallback(() => dispatch({ type: 'sale-completed' }), []),
    enrolled: useCallback(
      (doc: MemberDoc) => {
        // The replica's copy replaces this one when the feed brings the member (same memberId).
        index.put(doc);
        dispatch({
          type: 'identified',
          identification: { kind: 'member', memberId: doc.memberId, via: 'card', card: doc.cards[0] ?? null },
        });
      },
      [index],
    ),
    restore: useCallback((identification: Identification | null) => {
      dispatch({ type: 'remove' });
      if (identification) dispatch({ type: 'identified', identification });
    }, []),
  };
}
