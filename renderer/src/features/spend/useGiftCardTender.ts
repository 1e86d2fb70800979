import { useCallback, useMemo, useState } from 'react';
import { formatMoney, type Cents } from '../../../../core/money';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { businessDayOf } from '../../../../core/store/store-settings';
import { message, type Translatable } from '../../i18n/translatable';
import type { TerminalSession } from '../../session/terminal-session';
import { codeKeysOf, interpretScan, scanConfigFor } from '../checkout/interpret-scan';
import type { OverrideRequest } from '../manager/useManagerOverride';
import { giftCardCache, offlineBalance } from './gift-card-balance';
import { capMessage, giftCardCap } from './spend-caps';
import type { SpendAction, SpendState } from './spend-state';
import { replicaAgeAt } from '../../sync/sync-status';

/** The gift card the cashier is about to pay with, and what it may pay. */
export interface GiftCardInHand {
  code: string;
  kind: 'gift-card' | 'store-credit';
  /** What it holds as far as this till knows (offline: the last known balance less this till's spends). */
  balanceCents: number;
  offline: boolean;
}

export interface GiftCardTenderControls {
  inHand: GiftCardInHand | null;
  /** Verifies the code (its signature), then looks up the balance (online, else the last known one). */
  check(text: string): Promise<void>;
  pay(amountCents: number): Promise<boolean>;
  remove(code: string): void;
}

export function useGiftCardTender(q: {
  session: TerminalSession;
  store: StoreSettings;
  state: SpendState;
  dispatch(action: SpendAction): void;
  saleId: string;
  /** What is still to pay after the points and the gift cards already taken. */
  restCents: number;
  setNotice(notice: Translatable | null): void;
  requestOverride(req: OverrideRequest): Promise<string | null>;
  clock: () => number;
}): GiftCardTenderControls {
  const { session, store, state, dispatch, saleId, restCents, setNotice, requestOverride, clock } = q;
  const [inHand, setInHand] = useState<GiftCardInHand | null>(null);
  const cache = useMemo(() => giftCardCache(localStorage, session.terminalId), [session.terminalId]);
  const config = useMemo(() => scanConfigFor(store, codeKeysOf(session.keys, store)), [session.keys, store]);
  const journal = useCallback(
    async (selector: Record<string, unknown>) =>
      (await session.db.journal.find({ selector }).exec()).map((d) => d.toJSON()),
    [session],
  );

  const check = useCallback(
    async (text: string) => {
      const nowMs = clock();
      const scanned = interpretScan(text.trim(), config, nowMs, 'manual');
      if (scanned.type !== 'gift-card') {
        setInHand(null);
        setNotice(scanned.type === 'message' ? scanned.message : message('spend.giftCard.notGiftCard'));
        return;
      }
      const { code } = scanned;
      const online = await session.lookupGiftCard(code);
      if (online.kind === 'unknown') {
        setInHand(null);
        setNotice(message('spend.giftCard.unknown'));
        return;
      }
      let balance;
      let offline = false;
      if (online.kind === 'found') {
        cache.put(online.balance, nowMs);
        balance = online.balance;
      } else {
        const known = cache.get(code);
        if (!known) {
          setInHand(null);
          setNotice(message('spend.giftCard.unknownOffline'));
          return;
        }
        balance = { ...known.balance, balanceCents: offlineBalance(known, await journal({ type: 'sale' })) };
        offline = true;
      }
      if (balance.status === 'blocked')
        return void (setInHand(null), setNotice(message('spend.giftCard.blocked')));
      if (balance.currency !== store.currency) {
        setInHand(null);
        setNotice(message('spend.giftCard.otherCurrency', { currency: balance.currency }));
        return;
      }
      // What the open basket already takes from this card is not there to pay with again.
      const held = state.giftCards.find((g) => g.code === code)?.amountCents ?? 0;
      const left = Math.max(0, balance.balanceCents - held);
      if (left <= 0) return void (setInHand(null), setNotice(message('spend.giftCard.empty')));
      setNotice(null);
      setInHand({ code, kind: balance.kind, balanceCents: left, offline });
    },
    [cache, clock, config, journal, session, setNotice, state.giftCards, store.currency],
  );

  const pay = useCallback(
    async (amountCents: number) => {
      if (!inHand) return false;
      if (!Number.isSafeInteger(amountCents) || amountCents <= 0 || amountCents > inHand.balanceCents) {
        setNotice(message('spend.giftCard.empty'));
        return false;
      }
      if (amountCents > restCents) {
        setNotice(message('spend.points.moreThanDue'));
        return false;
      }
      const nowMs = clock();
      const status = session.status.get();
      const heldHere = state.giftCards.reduce((n, g) => n + g.amountCents, 0);
      const verdict = giftCardCap(
        {
          store,
          terminalId: session.terminalId,
          nowMs,
          online: status.online === true,
          replicaAgeMs: replicaAgeAt(status.lastSyncAt, nowMs),
          journal: await journal({ businessDay: businessDayOf(nowMs, store.timeZone) }),
          giftCardCode: inHand.code,
          heldCardCents: state.giftCards.find((g) => g.code === inHand.code)?.amountCents ?? 0,
          heldTillCardCents: heldHere,
        },
        amountCents,
      );
      let overrideId: string | undefined;
      if (!verdict.ok) {
        const why = capMessage(verdict, store);
        setNotice(why);
        const id = await requestOverride({
          action: 'gift-card-over-cap',
          eventId: saleId,
          memberId: null,
          description: `Gift card ${inHand.code}: ${formatMoney(amountCents as Cents, store.currency, store.locale)}`,
          requested: amountCents,
          limit: verdict.limit,
          unit: 'cents',
          why,
        });
        if (!id) return false;
        overrideId = id;
      }
      const before = state.giftCards.find((g) => g.code === inHand.code)?.amountCents ?? 0;
      setNotice(null);
      dispatch({
        type: 'gift-card',
        tender: {
          code: inHand.code,
          amountCents: before + amountCents,
          ...(overrideId ? { overrideId } : {}),
        },
      });
      setInHand(null);
      return true;
    },
    [
      clock,
      dispatch,
      inHand,
      journal,
      requestOverride,
      restCents,
      saleId,
      session,
      setNotice,
      state.giftCards,
      store,
    ],
  );

  const remove = useCallback((code: string) => dispatch({ type: 'ungift-card', code }), [dispatch]);
  return { inHand, check, pay, remove };
}
