import { useCallback, useMemo, useReducer, useRef, useState } from 'react';
import { createIdFactory } from '../../../../core/ids';
import { formatMoney, type Cents } from '../../../../core/money';
import type { Payment, SaleDonation, SaleEvent, SaleLoyalty, Tender } from '../../../../core/journal';
import type { Evaluation } from '../../../../core/rules';
import type { ScanSource } from '../../../../core/bridge/kassa-host';
import type { ScanContext } from '../../../../core/scan';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { message, type Translatable } from '../../i18n/translatable';
import type { TerminalSession } from '../../session/terminal-session';
import { basketTotal, type Basket } from './basket';
import { buildSaleEvent, type SaleSpend } from './build-sale-event';
import { checkoutReducer, INITIAL_CHECKOUT } from './checkout-state';
import { MEMBER_APP_QR_FORMAT } from '../../../../core/loyalty/member-app-code';
import { createAcceptedAppCodes } from './accepted-app-codes';
import { codeKeysOf, interpretScan, scanConfigFor, type ScanAction } from './interpret-scan';
import { memberSecretsOf } from './member-app-secrets';

export type MemberScan = Extract<ScanAction, { type: 'member-card' | 'member-app' }>;
/** A coupon or gift card whose signature verified: the spend feature takes it (features/spend). */
export type CodeScan = Extract<ScanAction, { type: 'coupon' | 'gift-card' }>;
/** A sale receipt's code: the returns feature takes it (features/returns). */
export type ReceiptScan = Extract<ScanAction, { type: 'receipt' }>;

/** What loyalty adds to a sale at "complete": evaluated on its basket at its moment. */
export interface SaleLoyaltyOutcome {
  loyalty: SaleLoyalty | null;
  lineDiscounts: Readonly<Record<string, number>>;
  /** The total after discounts (the goods). */
  totalCents: number;
  /** What the customer gave on top (a round-up); none by default. */
  donations?: readonly SaleDonation[];
  /** The goods after discounts plus the donations: it must be what the tender took (default totalCents). */
  toPayCents?: number;
  /** The evaluation the sale was written with (the receipt's points and reasons). */
  evaluation?: Evaluation;
  /** What the sale spends (rewards, coupons, codes issued, overrides): the spend feature's. */
  spend?: SaleSpend;
}

/** A sale written to the journal, with the evaluation it carries. */
export interface CompletedSaleEvent {
  sale: SaleEvent;
  evaluation: Evaluation | null;
}

export interface CheckoutOptions {
  /** A loyalty card, swiped card or member-app code: the members feature takes it. */
  onMemberScan?(scan: MemberScan): void;
  /** A coupon or gift card scanned: the spend feature takes it. */
  onCodeScan?(scan: CodeScan): void;
  /** A receipt's code scanned: the returns feature opens the sale (it says so when a basket is open). */
  onReceiptScan?(scan: ReceiptScan): void;
  /**
   * What classifyScan needs to verify member-app codes. By default the secrets are derived from
   * the member-app keys the session holds and the steps accepted are kept per terminal (a reload
   * refuses a code already used); given here, they are consulted too.
   */
  memberScanContext?: Pick<ScanContext, 'memberSecret' | 'lastAcceptedStep'>;
  finaliseLoyalty?(
    basket: Basket,
    saleId: string,
    nowMs: number,
    flags: readonly string[],
  ): Promise<SaleLoyaltyOutcome>;
  clock?: () => number;
}

export interface Checkout {
  state: ReturnType<typeof checkoutReducer>;
  /** Before loyalty discounts. */
  total: Cents;
  /** The id the sale will be written under (the engine's transaction id while it is open). */
  saleId: string;
  busy: boolean;
  scan(text: string, source: ScanSource, symbology?: string): Promise<void>;
  increment(lineId: string): void;
  decrement(lineId: string): void;
  remove(lineId: string): void;
  /** Sets or clears a customer's choice for this sale (a basket flag such as 'round-up'). */
  setFlag(flag: string, on: boolean): void;
  showError(text: Translatable): void;
  /** The sale written, or null when nothing was (empty basket, a double tap, a changed total, an error). */
  complete(payment: Payment | readonly Tender[]): Promise<CompletedSaleEvent | null>;
}

/** `store`: the store settings as replicated now (useStoreSettings), so a sale is in today's currency. */
export function useCheckout(
  session: TerminalSession,
  store: StoreSettings,
  options: CheckoutOptions = {},
): Checkout {
  const [state, dispatch] = useReducer(checkoutReducer, INITIAL_CHECKOUT);
  const [busy, setBusy] = useState(false);
  const completing = useRef(false);
  const newId = useMemo(() => createIdFactory(), []);
  const {
    clock = Date.now,
    onMemberScan,
    onReceiptScan,
    memberScanContext,
    finaliseLoyalty,
    onCodeScan,
  } = options;
  const [saleId, setSaleId] = useState(() => newId(clock()));
  const scanConfig = useMemo(() => scanConfigFor(store, codeKeysOf(session.keys, store)), [session.keys, store]);
  const accepted = useMemo(
    () => createAcceptedAppCodes({ terminalId: session.terminalId, format: MEMBER_APP_QR_FORMAT }),
    [session.terminalId],
  );
  const derivedSecret = useMemo(() => memberSecretsOf(session.keys), [session.keys]);
  const scanContext = useMemo(
    (): Pick<ScanContext, 'memberSecret' | 'lastAcceptedStep'> => ({
      memberSecret: memberScanContext?.memberSecret ?? derivedSecret,
      lastAcceptedStep: (ref) => {
        const kept = accepted.lastAcceptedStep(ref);
        const given = memberScanContext?.lastAcceptedStep?.(ref);
        return kept === undefined ? given : given === undefined ? kept : Math.max(kept, given);
      },
    }),
    [accepted, derivedSecret, memberScanContext],
  );
  const { currency, locale } = store;

  const openLines = state.basket.lines.length;
  const scan = useCallback(
    async (text: string, source: ScanSource, symbology?: string) => {
      const nowMs = clock();
      const action = interpretScan(text, scanConfig, nowMs, source, symbology, scanContext);
      if (action.type === 'message') {
        dispatch({ type: 'message', message: { kind: 'error', text: action.message } });
        return;
      }
      if (action.type === 'member-card' || action.type === 'member-app') {
        // Accepted once: kept before anything else, so this code never verifies again here.
        if (action.type === 'member-app' && action.step !== undefined) {
          accepted.accept(action.memberRef, action.step, nowMs);
        }
        dispatch({ type: 'message', message: null });
        onMemberScan?.(action);
        return;
      }
      if (action.type === 'coupon' || action.type === 'gift-card') {
        dispatch({ type: 'message', message: null });
        onCodeScan?.(action);
        return;
      }
      if (action.type === 'receipt') {
        // A return is its own event: the open sale is finished or cleared first.
        if (openLines > 0) {
          dispatch({ type: 'message', message: { kind: 'error', text: message('returns.finishSaleFirst') } });
          return;
        }
        dispatch({ type: 'message', message: null });
        onReceiptScan?.(action);
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
      dispatch({ type: 'add', product, code: action.code, lineId: newId(clock()) });
    },
    [
      accepted,
      clock,
      newId,
      onCodeScan,
      onMemberScan,
      onReceiptScan,
      openLines,
      scanConfig,
      scanContext,
      session.catalogue,
    ],
  );

  const complete = useCallback(
    async (given: Payment | readonly Tender[]) => {
      const payments: readonly Tender[] = Array.isArray(given) ? given : [given as Payment];
      // The cash payment (if any) carries the change; the tender is checked against the sum.
      const payment = payments.find((p) => p.changeCents !== undefined) ?? payments[0];
      const paidCents = payments.reduce((n, p) => n + p.amountCents, 0);
      // A double tap must never write two sales.
      if (completing.current || state.basket.lines.length === 0) return null;
      completing.current = true;
      setBusy(true);
      try {
        const { basket } = state;
        const nowMs = clock();
        const { flags } = state;
        const outcome: SaleLoyaltyOutcome = finaliseLoyalty
          ? await finaliseLoyalty(basket, saleId, nowMs, flags)
          : { loyalty: null, lineDiscounts: {}, totalCents: basketTotal(basket) };
        if (!payment || (outcome.toPayCents ?? outcome.totalCents) !== paidCents) {
          // A time window opened or closed since the total was shown: the cashier sees the new one.
          dispatch({ type: 'message', message: { kind: 'error', text: message('checkout.totalChanged') } });
          return null;
        }
        const event = await session.journal.append((head) =>
          buildSaleEvent(basket, payments, {
            id: saleId,
            terminalId: session.terminalId,
            store,
            seq: head.seq + 1,
            prevHash: head.hash,
            nowMs,
            loyalty: outcome.loyalty,
            lineDiscounts: outcome.lineDiscounts,
            flags,
            donations: outcome.donations ?? [],
            ...(outcome.spend ? { spend: outcome.spend } : {}),
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
        setSaleId(newId(clock()));
        return { sale: event, evaluation: outcome.evaluation ?? null };
      } catch (e) {
        dispatch({
          type: 'message',
          message: { kind: 'error', text: message('checkout.saveFailed', { error: (e as Error).message }) },
        });
        return null;
      } finally {
        completing.current = false;
        setBusy(false);
      }
    },
    [clock, currency, finaliseLoyalty, locale, newId, saleId, session, state, store],
  );

  const setFlag = useCallback((flag: string, on: boolean) => dispatch({ type: 'flag', flag, on }), []);

  return {
    state,
    total: basketTotal(state.basket),
    saleId,
    busy,
    scan,
    increment: (lineId) => dispatch({ type: 'increment', lineId }),
    decrement: (lineId) => dispatch({ type: 'decrement', lineId }),
    remove: (lineId) => dispatch({ type: 'remove', lineId }),
    setFlag,
    showError: (text) => dispatch({ type: 'message', message: { kind: 'error', text } }),
    complete,
  };
}
