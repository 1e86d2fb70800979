import { useCallback, useMemo, useReducer, useRef, useState } from 'react';
import { createIdFactory } from '../../../../core/ids';
import { formatMoney, type Cents } from '../../../../core/money';
import type { Payment } from '../../../../core/journal';
import type { ScanSource } from '../../../../core/bridge/kassa-host';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { message, type Translatable } from '../../i18n/translatable';
import type { TerminalSession } from '../../session/terminal-session';
import { basketTotal } from './basket';
import { buildSaleEvent } from './build-sale-event';
import { checkoutReducer, INITIAL_CHECKOUT } from './checkout-state';
import { interpretScan, scanConfigFor } from './interpret-scan';

export interface Checkout {
  state: ReturnType<typeof checkoutReducer>;
  total: Cents;
  busy: boolean;
  scan(text: string, source: ScanSource, symbology?: string): Promise<void>;
  increment(lineId: string): void;
  decrement(lineId: string): void;
  remove(lineId: string): void;
  showError(text: Translatable): void;
  complete(payment: Payment): Promise<boolean>;
}

/** `store`: the store settings as replicated now (useStoreSettings), so a sale is in today's currency. */
export function useCheckout(session: TerminalSession, store: StoreSettings): Checkout {
  const [state, dispatch] = useReducer(checkoutReducer, INITIAL_CHECKOUT);
  const [busy, setBusy] = useState(false);
  const completing = useRef(false);
  const newId = useMemo(() => createIdFactory(), []);
  const scanConfig = useMemo(() => scanConfigFor(store), [store]);
  const { currency, locale } = store;

  const scan = useCallback(
    async (text: string, source: ScanSource, symbology?: string) => {
      const action = interpretScan(text, scanConfig, Date.now(), source, symbology);
      if (action.type === 'message') {
        dispatch({ type: 'message', message: { kind: 'error', text: action.message } });
        return;
      }
      if (action.type === 'member-card') {
        dispatch({ type: 'member', member: { cardNumber: action.cardNumber, cardName: action.cardName } });
        return;
      }
      const product = await session.catalogue.lookup(action.code.lookupCode);
      if (!product) {
        dispatch({
          type: 'message',
          message: {
            kind: 'error',
            text: message('checkout.productUnknown', { code: action.code.lookupCode }),
          },
        });
        return;
      }
      dispatch({
        type: 'add',
        product,
        code: action.code,
        lineId: newId(Date.now()),
      });
    },
    [newId, scanConfig, session.catalogue],
  );

  const complete = useCallback(
    async (payment: Payment) => {
      // A double tap must never write two sales.
      if (completing.current || state.basket.lines.length === 0) return false;
      completing.current = true;
      setBusy(true);
      try {
        const basket = state.basket;
        const event = await session.journal.append((head) =>
          buildSaleEvent(basket, payment, {
            id: newId(Date.now()),
            terminalId: session.terminalId,
            store,
            seq: head.seq + 1,
            prevHash: head.hash,
            nowMs: Date.now(),
          }),
        );
        // Only now, with the event durable in IndexedDB, does the till say the sale is done.
        const text = payment.changeCents
          ? message('checkout.saleCompleteChange', {
              seq: event.seq,
              change: formatMoney(payment.changeCents as Cents, currency, locale),
            })
          : message('checkout.saleComplete', { seq: event.seq });
        dispatch({ type: 'completed', message: { kind: 'info', text } });
        return true;
      } catch (e) {
        dispatch({
          type: 'message',
          message: { kind: 'error', text: message('checkout.saveFailed', { error: (e as Error).message }) },
        });
        return false;
      } finally {
        completing.current = false;
        setBusy(false);
      }
    },
    [currency, locale, newId, session, state.basket, store],
  );

  return {
    state,
    total: basketTotal(state.basket),
    busy,
    scan,
    increment: (lineId) => dispatch({ type: 'increment', lineId }),
    decrement: (lineId) => dispatch({ type: 'decrement', lineId }),
    remove: (lineId) => dispatch({ type: 'remove', lineId }),
    showError: (text) => dispatch({ type: 'message', message: { kind: 'error', text } }),
    complete,
  };
}
