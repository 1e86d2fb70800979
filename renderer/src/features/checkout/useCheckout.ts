import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
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
import { buildSaleEvent, NO_SPEND, type SaleSpend } from './build-sale-event';
import { checkoutReducer, INITIAL_CHECKOUT, type CheckoutState } from './checkout-state';
import { sanityLimitsOf } from '../../../../core/store/store-policy';
import { createBasketStorage, type ParkedBasket } from '../basket-store/basket-storage';
import { parkedLabel } from '../basket-store/parked-label';
import { useBasketStore, type SaleMember } from '../basket-store/useBasketStore';
import { lineOverrideRequest } from '../manager/line-limit-text';
import type { ManagerOverride } from '../manager/useManagerOverride';
import { MEMBER_APP_QR_FORMAT } from '../../../../core/loyalty/member-app-code';
import { createAcceptedAppCodes } from './accepted-app-codes';
import { codeKeysOf, interpretScan, scanConfigFor, type ScanAction } from './interpret-scan';
import { memberSecretsOf } from './member-app-secrets';
import { isStorageFull } from './storage-full';
import { replicaAgeAt } from '../../sync/sync-status';

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
  /** The sale's member (members feature): kept with the open basket, parked and restored with it. */
  member?: SaleMember;
  /** Asked when a line goes over a sanity limit of the store (useManagerOverride). */
  managerOverride?: ManagerOverride;
  /** The open sale was voided before tender: whatever else belongs to it (spend state) goes too. */
  onVoid?(): void;
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
  /** Voids a line before tender: it leaves the basket and nothing of it goes on the sale. */
  voidLine(lineId: string): void;
  /** A typed quantity (an 'each' line): above the store's limit it waits for a manager. */
  setQuantity(lineId: string, quantity: number): void;
  /** Voids the whole open sale before tender (the cashier confirmed): lines, choices, overrides, extra. */
  voidSale(): void;
  /** The change refused for a limit (state.overLimit): ask a manager, or leave it. */
  askManager(): Promise<void>;
  dismissOverLimit(): void;
  /** Parked baskets of this till; park empties the till, recall restores one. */
  parked: readonly ParkedBasket[];
  park(name?: string): void;
  recall(parkedId: string): void;
  /** An opaque JSON slot per basket (state.extra) for the spend feature: persisted, parked, voided with it. */
  setExtra(extra: unknown): void;
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
  const storage = useMemo(() => createBasketStorage(session.terminalId), [session.terminalId]);
  // The open sale as the till left it (a reload, a crash), read once; not if it was also parked.
  const [restored] = useState(() => {
    const open = storage.loadOpen();
    return open && !storage.loadParked().some((p) => p.sale.saleId === open.saleId) ? open : null;
  });
  const [state, dispatch] = useReducer(
    checkoutReducer,
    restored,
    (r): CheckoutState => ({
      ...INITIAL_CHECKOUT,
      limits: sanityLimitsOf(store),
      ...(r ? { basket: r.basket, flags: r.flags, overrides: r.overrides, extra: r.extra } : {}),
    }),
  );
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
    member,
    managerOverride,
    onVoid,
  } = options;
  const [saleId, setSaleId] = useState(() => restored?.saleId ?? newId(clock()));
  const limits = useMemo(() => sanityLimitsOf(store), [store]);
  useEffect(() => dispatch({ type: 'limits', limits }), [limits]);
  const scanConfig = useMemo(
    () => scanConfigFor(store, codeKeysOf(session.keys, store)),
    [session.keys, store],
  );
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
            // A member's sale says how old the replica it was judged on was (stale redemptions).
            ...(outcome.loyalty?.memberId
              ? { replicaAgeMs: replicaAgeAt(session.status.get().lastSyncAt, nowMs) }
              : {}),
            // The overrides that allowed lines of this basket join those of the spend feature.
            spend: {
              ...(outcome.spend ?? NO_SPEND),
              overrides: [...new Set([...state.overrides, ...(outcome.spend?.overrides ?? [])])],
            },
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
        const text = isStorageFull(e)
          ? message('checkout.storageFull')
          : message('checkout.saveFailed', { error: (e as Error).message });
        dispatch({ type: 'message', message: { kind: 'error', text } });
        return null;
      } finally {
        completing.current = false;
        setBusy(false);
      }
    },
    [clock, currency, finaliseLoyalty, locale, newId, saleId, session, state, store],
  );

  const setFlag = useCallback((flag: string, on: boolean) => dispatch({ type: 'flag', flag, on }), []);
  const { timeZone } = store;
  const label = useCallback((p: ParkedBasket) => parkedLabel(p, locale, timeZone), [locale, timeZone]);
  const written = useCallback(
    async (id: string) => (await session.db.journal.findOne(id).exec()) !== null,
    [session.db],
  );
  const parked = useBasketStore({
    storage,
    state,
    dispatch,
    saleId,
    setSaleId,
    newSaleId: () => newId(clock()),
    restored,
    member,
    clock,
    newId: () => newId(clock()),
    label,
    written,
  });
  const attached = member?.attached ?? null;
  const askManager = useCallback(async () => {
    const pending = state.overLimit;
    if (!pending || !managerOverride) return;
    const memberId = attached?.kind === 'member' ? attached.memberId : null;
    const req = lineOverrideRequest(pending.breach, { saleId, memberId, currency, locale });
    const allowed = await managerOverride.request(req);
    if (allowed !== null) dispatch({ ...pending.change, allowed });
  }, [attached, currency, locale, managerOverride, saleId, state.overLimit]);
  const voidSale = useCallback(() => {
    dispatch({ type: 'void-sale', message: { kind: 'info', text: message('basket.saleVoided') } });
    // A new sale id: overrides written for the voided one never name the next customer's sale.
    setSaleId(newId(clock()));
    member?.restore(null);
    onVoid?.();
  }, [clock, member, newId, onVoid]);

  return {
    state,
    total: basketTotal(state.basket),
    saleId,
    busy,
    scan,
    increment: (lineId) => dispatch({ type: 'increment', lineId }),
    decrement: (lineId) => dispatch({ type: 'decrement', lineId }),
    remove: (lineId) => dispatch({ type: 'void-line', lineId }),
    voidLine: (lineId) => dispatch({ type: 'void-line', lineId }),
    setQuantity: (lineId, quantity) => dispatch({ type: 'set-quantity', lineId, quantity }),
    voidSale,
    askManager,
    dismissOverLimit: () => dispatch({ type: 'dismiss-over-limit' }),
    parked: parked.list,
    park: parked.park,
    recall: parked.recall,
    setExtra: (extra) => dispatch({ type: 'extra', extra }),
    setFlag,
    showError: (text) => dispatch({ type: 'message', message: { kind: 'error', text } }),
    complete,
  };
}
